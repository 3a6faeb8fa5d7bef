#include "analysis/config.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace vigil::analysis {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
               return std::toupper(static_cast<unsigned char>(a)) ==
                      std::toupper(static_cast<unsigned char>(b));
           });
}

// How specifically the selectors name the rule: the longest matching selector's length, or -1.
int specificity(const std::vector<std::string>& selectors, const RuleInfo& rule) {
    int best = -1;
    for (const std::string& selector : selectors) {
        if (selector_matches(selector, rule)) {
            best = std::max(best, selector == "ALL" ? 0 : static_cast<int>(selector.size()));
        }
    }
    return best;
}

// How specifically the selectors name an opt-in rule: only its full code (or ruff code) counts.
int exact_specificity(const std::vector<std::string>& selectors, const RuleInfo& rule) {
    int best = -1;
    for (const std::string& selector : selectors) {
        if ((selector.size() == rule.code.size() &&
             starts_with_ignoring_case(rule.code, selector)) ||
            (!rule.ruff_code.empty() && selector.size() == rule.ruff_code.size() &&
             starts_with_ignoring_case(rule.ruff_code, selector))) {
            best = std::max(best, static_cast<int>(selector.size()));
        }
    }
    return best;
}

} // namespace

std::optional<ProfileName> profile_from_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "default") {
        return ProfileName::Default;
    }
    if (lower == "bandit") {
        return ProfileName::Bandit;
    }
    return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> values;
    std::string current;
    for (char c : text) {
        if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!current.empty()) {
                values.push_back(std::move(current));
                current.clear();
            }
        } else {
            current += c;
        }
    }
    if (!current.empty()) {
        values.push_back(std::move(current));
    }
    return values;
}

bool selector_matches(std::string_view selector, const RuleInfo& rule) {
    if (selector == "ALL") {
        return true;
    }
    if (selector.empty()) {
        return false;
    }
    return starts_with_ignoring_case(rule.code, selector) ||
           (!rule.ruff_code.empty() && starts_with_ignoring_case(rule.ruff_code, selector));
}

bool path_matches_glob(std::string_view path, std::string_view glob) {
    const std::string pattern(glob);
    std::string subject(path);
    if (glob.find('/') == std::string_view::npos) {
        const std::size_t slash = subject.rfind('/');
        if (slash != std::string::npos) {
            subject.erase(0, slash + 1);
        }
    } else if (!pattern.empty() && pattern[0] != '/' && pattern[0] != '*' && !subject.empty() &&
               subject[0] == '/') {
        // A relative glob ("tests/*.py") against an absolute path: match any suffix.
        for (std::size_t slash = subject.find('/'); slash != std::string::npos;
             slash = subject.find('/', slash + 1)) {
            if (fnmatch(pattern.c_str(), subject.c_str() + slash + 1, 0) == 0) {
                return true;
            }
        }
        return false;
    }
    return fnmatch(pattern.c_str(), subject.c_str(), 0) == 0;
}

bool Config::enables(const RuleInfo& rule, std::string_view path) const {
    const std::uint8_t profile_bit =
        profile == ProfileName::Bandit ? ProfileBandit : ProfileDefault;
    const int selected = (rule.profiles & ProfileOptIn) ? exact_specificity(select, rule)
                         : select.empty()               ? ((rule.profiles & profile_bit) ? 0 : -1)
                                                        : specificity(select, rule);
    const int ignored = specificity(ignore, rule);
    if (selected < 0 || ignored >= selected) {
        return false;
    }
    for (const auto& [glob, codes] : per_file_ignores) {
        if (path_matches_glob(path, glob) && specificity(codes, rule) >= 0) {
            return false;
        }
    }
    return true;
}

bool Config::reports(const Finding& finding) const {
    return finding.severity >= min_severity && finding.confidence >= min_confidence;
}

} // namespace vigil::analysis

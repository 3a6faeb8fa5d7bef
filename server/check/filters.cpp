#include "server/check/filters.hpp"

#include "analysis/analyzer.hpp"

#include <algorithm>
#include <cctype>

namespace vigil::server::check {

namespace {

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// Length of the longest selector matching the code or its alias; -1 if none.
int best_match(const std::vector<std::string>& selectors, std::string_view code,
               std::string_view alias) {
    int best = -1;
    for (const std::string& selector : selectors) {
        if (selector == "ALL") {
            best = std::max(best, 0);
        } else if (code.starts_with(selector) || (!alias.empty() && alias.starts_with(selector))) {
            best = std::max(best, static_cast<int>(selector.size()));
        }
    }
    return best;
}

std::vector<std::string> split_codes(const std::vector<std::string>& values) {
    std::vector<std::string> codes;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            std::size_t comma = value.find(',', start);
            if (comma == std::string::npos) {
                comma = value.size();
            }
            std::string code = value.substr(start, comma - start);
            code.erase(std::remove_if(code.begin(), code.end(),
                                      [](unsigned char c) { return std::isspace(c); }),
                       code.end());
            if (!code.empty()) {
                codes.push_back(upper(code));
            }
            start = comma + 1;
        }
    }
    return codes;
}

} // namespace

bool FindingFilter::keep(const analysis::Finding& finding) const {
    if (finding.severity < min_severity || finding.confidence < min_confidence) {
        return false;
    }
    const analysis::Rule* rule = analysis::find_rule(finding.code);
    if (profiles != 0 && rule != nullptr && (rule->info.profiles & profiles) == 0) {
        return false;
    }
    if (select.empty() && ignore.empty()) {
        return true;
    }
    const std::string_view alias = rule ? rule->info.ruff_code : std::string_view();
    const int selected = select.empty() ? 0 : best_match(select, finding.code, alias);
    const int ignored = best_match(ignore, finding.code, alias);
    return selected >= 0 && selected > ignored;
}

std::optional<FindingFilter> make_filter(const std::vector<std::string>& select,
                                         const std::vector<std::string>& ignore,
                                         const std::string& profile, const std::string& severity,
                                         const std::string& confidence, std::string& error) {
    FindingFilter filter;
    filter.select = split_codes(select);
    filter.ignore = split_codes(ignore);
    if (!profile.empty()) {
        const std::string name = upper(profile);
        if (name == "DEFAULT") {
            filter.profiles = analysis::ProfileDefault;
        } else if (name == "BANDIT") {
            filter.profiles = analysis::ProfileBandit;
        } else if (name == "ALL") {
            filter.profiles = analysis::ProfileAll;
        } else {
            error = "unknown profile '" + profile + "' (default, bandit or all)";
            return std::nullopt;
        }
    }
    struct Threshold {
        const std::string* text;
        analysis::Level* level;
        const char* what;
    };
    for (const Threshold& threshold : {Threshold{&severity, &filter.min_severity, "severity"},
                                       Threshold{&confidence, &filter.min_confidence, "confidence"}}) {
        if (threshold.text->empty()) {
            continue;
        }
        const std::optional<analysis::Level> parsed = analysis::level_from_name(*threshold.text);
        if (!parsed) {
            error = std::string("unknown ") + threshold.what + " '" + *threshold.text +
                    "' (low, medium or high)";
            return std::nullopt;
        }
        *threshold.level = *parsed;
    }
    return filter;
}

std::vector<std::string> unknown_selectors(const FindingFilter& filter) {
    std::vector<std::string> unknown;
    const auto rules = analysis::all_rules();
    if (rules.empty()) {
        return unknown;
    }
    for (const auto* list : {&filter.select, &filter.ignore}) {
        for (const std::string& selector : *list) {
            const bool known = selector == "ALL" ||
                               std::any_of(rules.begin(), rules.end(), [&](const analysis::Rule* r) {
                                   return r->info.code.starts_with(selector) ||
                                          (!r->info.ruff_code.empty() &&
                                           r->info.ruff_code.starts_with(selector));
                               });
            if (!known) {
                unknown.push_back(selector);
            }
        }
    }
    return unknown;
}

analysis::Config config_from_filters(const FindingFilter&) { return analysis::Config{}; }

} // namespace vigil::server::check

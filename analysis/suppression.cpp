#include "analysis/suppression.hpp"

#include "analysis/analyzer.hpp"

#include <algorithm>
#include <cctype>

namespace vigil::analysis {

namespace {

bool is_token_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The rule a token names: a code, a ruff alias, or a Bandit test/blacklist name.
const Rule* rule_for_token(std::string_view token) {
    if (const Rule* rule = find_rule(token)) {
        return rule;
    }
    for (const Rule* rule : all_rules()) {
        if (!rule->info.bandit_name.empty() && rule->info.bandit_name == token) {
            return rule;
        }
    }
    return nullptr;
}

// Codes named in `text` (up to the next '#'), split on commas and spaces.
std::vector<std::string> codes_in(std::string_view text) {
    std::vector<std::string> codes;
    text = text.substr(0, text.find('#'));
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_token_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_token_char(text[end])) {
            ++end;
        }
        if (const Rule* rule = rule_for_token(text.substr(i, end - i))) {
            codes.emplace_back(rule->info.code);
        }
        i = end;
    }
    return codes;
}

// The bracketed list after a marker ("ignore[B602, B607]"), or nullopt when there is none.
std::optional<std::string_view> bracketed(std::string_view rest) {
    const std::size_t open = rest.find_first_not_of(" \t");
    if (open == std::string_view::npos || rest[open] != '[') {
        return std::nullopt;
    }
    const std::size_t close = rest.find(']', open);
    return rest.substr(open + 1,
                       close == std::string_view::npos ? std::string_view::npos : close - open - 1);
}

} // namespace

bool SuppressionSet::covers(std::string_view code) const {
    return all || std::find(codes.begin(), codes.end(), code) != codes.end();
}

ParsedSuppression parse_suppression_comment(std::string_view comment) {
    ParsedSuppression parsed;
    // Several markers may share one comment ("# type: ignore # nosec B101"): look at each '#'.
    for (std::size_t hash = comment.find('#'); hash != std::string_view::npos;
         hash = comment.find('#', hash + 1)) {
        std::string_view rest = comment.substr(hash + 1);
        rest.remove_prefix(std::min(rest.find_first_not_of(" \t"), rest.size()));
        if (rest.starts_with("nosec") && (rest.size() == 5 || !is_token_char(rest[5]))) {
            const auto codes = codes_in(rest.substr(5));
            if (codes.empty()) {
                parsed.set.all = true; // Bandit: no known code means everything
            }
            parsed.set.codes.insert(parsed.set.codes.end(), codes.begin(), codes.end());
        } else if (rest.starts_with("noqa")) {
            std::string_view after = rest.substr(4);
            after.remove_prefix(std::min(after.find_first_not_of(" \t"), after.size()));
            if (!after.empty() && after[0] == ':') {
                const auto codes = codes_in(after.substr(1));
                parsed.set.codes.insert(parsed.set.codes.end(), codes.begin(), codes.end());
            }
        } else if (rest.starts_with("vigil:")) {
            std::string_view directive = rest.substr(6);
            directive.remove_prefix(std::min(directive.find_first_not_of(" \t"), directive.size()));
            const bool file = directive.starts_with("ignore-file");
            if (!file && !directive.starts_with("ignore")) {
                continue;
            }
            const auto list = bracketed(directive.substr(file ? 11 : 6));
            SuppressionSet set;
            if (list) {
                set.codes = codes_in(*list);
            } else {
                set.all = true;
            }
            if (file) {
                parsed.whole_file = true;
            }
            parsed.set.all = parsed.set.all || set.all;
            parsed.set.codes.insert(parsed.set.codes.end(), set.codes.begin(), set.codes.end());
        }
    }
    return parsed;
}

void Suppressions::add_comment(std::uint32_t row, std::string_view comment) {
    ParsedSuppression parsed = parse_suppression_comment(comment);
    if (parsed.set.empty()) {
        return;
    }
    SuppressionSet& target = parsed.whole_file ? file_ : by_row_[row];
    target.all = target.all || parsed.set.all;
    target.codes.insert(target.codes.end(), parsed.set.codes.begin(), parsed.set.codes.end());
}

bool Suppressions::suppresses(std::string_view code, std::uint32_t first_row,
                              std::uint32_t last_row) const {
    if (file_.covers(code)) {
        return true;
    }
    if (by_row_.empty()) {
        return false;
    }
    for (std::uint32_t row = first_row; row <= last_row; ++row) {
        const auto it = by_row_.find(row);
        if (it != by_row_.end() && it->second.covers(code)) {
            return true;
        }
    }
    return false;
}

} // namespace vigil::analysis

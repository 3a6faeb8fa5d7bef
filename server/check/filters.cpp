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

std::vector<std::string> split_codes(const std::vector<std::string>& values) {
    std::vector<std::string> codes;
    for (const std::string& value : values) {
        for (std::string& code : analysis::split_list(value)) {
            codes.push_back(upper(std::move(code)));
        }
    }
    return codes;
}

} // namespace

std::optional<analysis::ConfigOverrides>
make_overrides(const std::vector<std::string>& select, const std::vector<std::string>& ignore,
               const std::string& profile, const std::string& severity,
               const std::string& confidence, std::string& error) {
    analysis::ConfigOverrides overrides;
    overrides.select = split_codes(select);
    overrides.ignore = split_codes(ignore);
    if (!profile.empty()) {
        if (const auto name = analysis::profile_from_name(profile)) {
            overrides.profile = *name;
        } else if (upper(profile) == "ALL") {
            if (overrides.select.empty()) {
                overrides.select = {"ALL"};
            }
        } else {
            error = "unknown profile '" + profile + "' (default, bandit or all)";
            return std::nullopt;
        }
    }
    struct Threshold {
        const std::string* text;
        std::optional<analysis::Level>* level;
        const char* what;
    };
    for (const Threshold& threshold :
         {Threshold{&severity, &overrides.min_severity, "severity"},
          Threshold{&confidence, &overrides.min_confidence, "confidence"}}) {
        if (threshold.text->empty()) {
            continue;
        }
        const std::optional<analysis::Level> parsed = analysis::level_from_name(*threshold.text);
        if (!parsed) {
            error = std::string("unknown ") + threshold.what + " '" + *threshold.text +
                    "' (low, medium or high)";
            return std::nullopt;
        }
        *threshold.level = parsed;
    }
    return overrides;
}

std::vector<std::string> unknown_selectors(const analysis::ConfigOverrides& overrides) {
    std::vector<std::string> unknown;
    const auto rules = analysis::all_rules();
    for (const auto* list : {&overrides.select, &overrides.ignore}) {
        for (const std::string& selector : *list) {
            const bool known =
                std::any_of(rules.begin(), rules.end(), [&](const analysis::Rule* rule) {
                    return analysis::selector_matches(selector, rule->info);
                });
            if (!known) {
                unknown.push_back(selector);
            }
        }
    }
    return unknown;
}

} // namespace vigil::server::check

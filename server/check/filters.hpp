// Which findings the scanner keeps: --select, --ignore, --profile, --severity, --confidence.
//
// These run as a post-filter on what analysis returns, because analysis::Config has no rule
// selection yet. When it does, config_from_filters() is the one place to switch over (the filter
// then only has to keep the thresholds, or nothing at all). A post-filter can only remove
// findings: a rule the engine's default configuration leaves out cannot be turned on from here.
//
// Selectors are codes or code prefixes ("B6", "B602", "VG"), matched against a finding's code and
// its rule's ruff alias ("S602", "S6"); "ALL" matches everything. When several selectors match,
// the longest (most specific) decides, and ignore wins a tie, as in ruff.
#pragma once

#include "analysis/config.hpp"
#include "analysis/finding.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vigil::server::check {

struct FindingFilter {
    std::vector<std::string> select; // empty: everything
    std::vector<std::string> ignore;
    std::uint8_t profiles = 0;       // 0: any profile; else a mask of analysis::Profile bits
    analysis::Level min_severity = analysis::Level::Undefined;
    analysis::Level min_confidence = analysis::Level::Undefined;

    bool keep(const analysis::Finding& finding) const;
};

// Builds the filter from option strings; on a bad value returns nullopt and sets `error`.
std::optional<FindingFilter> make_filter(const std::vector<std::string>& select,
                                         const std::vector<std::string>& ignore,
                                         const std::string& profile, const std::string& severity,
                                         const std::string& confidence, std::string& error);

// Selectors that match no known rule (for a warning). Empty while no rule is registered.
std::vector<std::string> unknown_selectors(const FindingFilter& filter);

// The analysis configuration for a scan. Today the default; see the header comment.
analysis::Config config_from_filters(const FindingFilter& filter);

} // namespace vigil::server::check

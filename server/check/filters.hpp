// The scan's selection flags (--select, --ignore, --profile, --severity, --confidence) as
// overrides of each file's own configuration: the engine selects rules and applies thresholds
// (analysis::Config), so the scanner and the editor agree on what runs.
//
// Selectors are codes or code prefixes ("B6", "B602", "VG"), or ruff's aliases ("S602", "S6");
// "ALL" matches everything. When several match, the longest decides, and ignore wins a tie.
#pragma once

#include "analysis/config_loader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace vigil::server::check {

// Builds the overrides from option strings (comma lists, any case); on a bad value returns
// nullopt and sets `error`. Profile "all" selects every rule.
std::optional<analysis::ConfigOverrides>
make_overrides(const std::vector<std::string>& select, const std::vector<std::string>& ignore,
               const std::string& profile, const std::string& severity,
               const std::string& confidence, std::string& error);

// Selectors that match no known rule (for a warning).
std::vector<std::string> unknown_selectors(const analysis::ConfigOverrides& overrides);

} // namespace vigil::server::check

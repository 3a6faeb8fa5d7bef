// The one entry point of analysis: a parsed Python file in, findings out. Pure and synchronous;
// the language server and the scanner both call it.
#pragma once

#include "analysis/config.hpp"
#include "analysis/finding.hpp"
#include "analysis/rule.hpp"

#include <tree_sitter/api.h>

#include <span>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// Runs every rule that `config` enables for `path` over `tree` (a parse of `text`), applies
// suppression comments, and returns the findings sorted by position.
std::vector<Finding> analyze(std::string_view text, const TSTree* tree, std::string_view path,
                             const Config& config);

// Every registered rule, in code order.
std::span<const Rule* const> all_rules();

// The rule with this code, or whose ruff alias is this code ("S602" finds B602); nullptr if none.
const Rule* find_rule(std::string_view code);

} // namespace vigil::analysis

// The one entry point of analysis: a parsed Python file in, findings out. Pure and synchronous;
// the language server and the scanner both call it.
#pragma once

#include "analysis/config.hpp"
#include "analysis/finding.hpp"
#include "analysis/rule.hpp"

#include <tree_sitter/api.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// Runs every rule that `config` enables for `path` over `tree` (a parse of `text`), applies
// suppression comments, and returns the findings sorted by position.
std::vector<Finding> analyze(std::string_view text, const TSTree* tree, std::string_view path,
                             const Config& config);

// Why `text` cannot be analysed at all, as a message for the user; nullopt when it can. Today one
// reason: brackets nested too deep for the parser (syntax::too_deeply_nested). analyze() finds
// nothing in such a text; the scanner and the server report this instead.
// With the tree made from the text, a parsed file is known at once (a refused one has an empty
// tree).
std::optional<std::string> unanalysable(std::string_view text, const TSTree* tree = nullptr);

// Every registered rule, in code order.
std::span<const Rule* const> all_rules();

// The rule with this code, or whose ruff alias is this code ("S602" finds B602); nullptr if none.
const Rule* find_rule(std::string_view code);

} // namespace vigil::analysis

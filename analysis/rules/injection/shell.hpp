// What the shell family (B602-B607, B609) shares: Bandit's truthiness of `shell=`, which of the
// configured lists a callee is in, and the command a call runs.
#pragma once

#include "analysis/config.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/semantic/model.hpp"

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::rules::shell {

// Bandit's notion of a truthy `shell=`: literals by their value, anything else (a variable, a
// call) counts as true. A missing keyword (a null node) is false.
bool is_truthy(const SemanticModel& model, TSNode value);

// Whether `shell=` is a literal with a true value (True, 1, a non-empty string): the shell runs
// for certain.
bool is_literally_true(const SemanticModel& model, TSNode value);

// Which of the `shell_injection` lists (RuleOptions) a qualified name is in.
enum class Kind { None, Subprocess, Shell, NoShell };
Kind kind_of(RuleContext& context, std::string_view qualified);

// The command a call runs: positional argument 0, or `args=` for the subprocess functions
// (Bandit sees only the positional one). Null when there is none.
TSNode command(const CallView& call, Kind kind);

// The words of a literal command when running it without a shell means the same: plain words
// separated by spaces, with nothing a shell would interpret (quotes, variables, globs, pipes,
// redirections, separators, escapes, comments). nullopt otherwise, or for no words at all.
std::optional<std::vector<std::string>> plain_words(std::string_view command);

// The list literal `["ls", "-l"]` that runs `words` without a shell.
std::string as_list_literal(const std::vector<std::string>& words);

} // namespace vigil::analysis::rules::shell

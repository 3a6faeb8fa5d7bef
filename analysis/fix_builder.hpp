// Building blocks for quick fixes: edits that replace a node, drop a call argument with its comma,
// or add an import once, in the right place. Rules compose these; none edits text by hand.
#pragma once

#include "analysis/finding.hpp"
#include "analysis/semantic/model.hpp"

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>

namespace vigil::analysis {

TextEdit replace_node(TSNode node, std::string replacement);

// Removes one argument of a call (positional or keyword) together with the comma that separates
// it from its neighbour, so `f(a, b=1)` becomes `f(a)` and `f(b=1, c)` becomes `f(c)`.
TextEdit remove_argument(TSNode argument, std::string_view text);

// Appends `argument` (such as "timeout=60") as the last argument of a call. After a trailing comma
// it goes on a line of its own, indented like the argument before it, with a comma of its own;
// nullopt when the call has no argument list (a decorator without parentheses, say).
std::optional<TextEdit> add_argument(const CallView& call, std::string_view text,
                                     std::string_view argument);

// Replaces a keyword argument's value, or appends `name=value` when the call has no such keyword.
std::optional<TextEdit> set_keyword_argument(const CallView& call, std::string_view text,
                                             std::string_view name, std::string_view value);

// `import module` inserted after the module's docstring, `from __future__` imports and other
// top-level imports; nullopt when the module is already imported under its own name (for a dotted
// module, by an `import a.b` among the imports at the top).
std::optional<TextEdit> add_import(const SemanticModel& model, TSNode root,
                                   std::string_view module);

// The keyword_argument node holding keyword `name` of a call (not just its value), or null.
TSNode keyword_argument_node(const CallView& call, std::string_view name);

} // namespace vigil::analysis

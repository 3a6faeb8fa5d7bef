// Whether a string handed to mark_safe / Markup is provably the programmer's own text: literals,
// and names, formatting and concatenation built only from those (B703, B704).
#pragma once

#include "analysis/semantic/model.hpp"

#include <tree_sitter/api.h>

namespace vigil::analysis::rules::xss {

// True when `expression` can only hold text written in the file: a string literal; a name whose
// every assignment in the enclosing function (or module) before `expression` is such a value (a
// parameter, or a name never assigned there, is not); `"lit".format(...)`, `"lit" % ...`,
// f-strings and `+` whose parts are all such values; either branch of `a if c else b`.
bool is_own_text(const SemanticModel& model, TSNode expression);

} // namespace vigil::analysis::rules::xss

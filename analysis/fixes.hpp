// Combining and applying fixes: what fix-all in the editor and `vigil check --fix` share.
#pragma once

#include "analysis/finding.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// The edits of every finding's first safe fix, in text order, leaving out any fix that would
// overlap one already taken (a later run picks it up), and keeping identical edits (the same
// import added for two findings) once.
std::vector<TextEdit> merge_safe_fixes(const std::vector<Finding>& findings);

// Applies non-overlapping edits, expressed against `text`, in one pass.
std::string apply_edits(std::string_view text, std::vector<TextEdit> edits);

} // namespace vigil::analysis

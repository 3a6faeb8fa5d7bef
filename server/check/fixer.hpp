// `vigil check --fix` and `--diff`: the safe fixes of a file, as a unified diff or written back.
// Writes are atomic (a temporary file in the same directory, renamed over the original, with the
// original's permissions), and a file that changed on disk since it was read is left untouched.
#pragma once

#include "analysis/finding.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace vigil::server::check {

// A unified diff ("--- a/path", "+++ b/path", hunks with 3 lines of context) of applying
// `edits` (non-overlapping, against `text`); empty when there are none.
std::string unified_diff(std::string_view path, std::string_view text,
                         const std::vector<analysis::TextEdit>& edits);

enum class WriteOutcome { Written, ChangedOnDisk, Failed };

// Replaces the file's contents with `fixed` if they are still exactly `original`.
WriteOutcome write_if_unchanged(const std::string& path, std::string_view original,
                                std::string_view fixed, std::string& error);

} // namespace vigil::server::check

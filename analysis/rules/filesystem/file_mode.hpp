// Permission modes as written in code (B103, VG241): an integer literal in any base, `stat.S_*`
// constants, and `|`/`+`/`&` combinations of those.
#pragma once

#include "analysis/semantic/model.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace vigil::analysis::rules::file_mode {

// The mode's value, or nullopt when it is not written out (a variable, a call).
std::optional<std::uint32_t> value(const SemanticModel& model, TSNode mode);

// "0o755".
std::string octal(std::uint32_t mode);

} // namespace vigil::analysis::rules::file_mode

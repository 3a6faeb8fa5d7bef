// A cheap check of a TOML text before toml++ reads it. toml++ 3.3 recurses once per dotted part of
// a key (a table header of 50,000 parts overflowed the stack) and has undefined behaviour on some
// non-ASCII bytes outside strings; neither shape occurs in a real pyproject.toml.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::analysis {

struct TomlLimitError {
    std::uint32_t line = 0; // 1-based
    std::string message;
};

inline constexpr std::size_t max_toml_key_parts = 64; // a.b.c: 3 parts
inline constexpr std::size_t max_toml_nesting = 64;   // [ and { outside strings

// Why toml++ must not be given `text`, or nullopt. Checks, outside strings and comments: keys and
// table headers of more than max_toml_key_parts dotted parts, arrays and inline tables nested more
// than max_toml_nesting deep, and non-ASCII bytes (TOML allows those only in strings and comments).
std::optional<TomlLimitError> toml_beyond_limits(std::string_view text);

} // namespace vigil::analysis

// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF), shared by the
// JSON-RPC layer, position conversion and the scanner's source decoding.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil::protocol {

// Length of the valid UTF-8 sequence starting at bytes[i], or 0 if it is invalid or truncated.
std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i);

// The offset of the first byte that is not part of valid UTF-8, or npos.
std::size_t invalid_utf8_offset(std::string_view bytes);

// The bytes with each invalid byte replaced by U+FFFD.
std::string sanitize_utf8(std::string_view bytes);

} // namespace vigil::protocol

#include "protocol/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace vigil::protocol {

namespace {

bool is_continuation(int byte) {
    return byte >= 0 && (byte & 0xC0) == 0x80;
}

} // namespace

std::size_t utf8_sequence_length(std::string_view bytes, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    if (b0 < 0x80) {
        return 1;
    }
    auto at = [&](std::size_t k) -> int {
        return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : -1;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        return is_continuation(at(1)) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const int b1 = at(1);
        if (!is_continuation(b1) || !is_continuation(at(2))) {
            return 0;
        }
        // E0 needs A0..BF (no overlongs), ED needs 80..9F (no surrogates).
        if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) {
            return 0;
        }
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const int b1 = at(1);
        if (!is_continuation(b1) || !is_continuation(at(2)) || !is_continuation(at(3))) {
            return 0;
        }
        // F0 needs 90..BF (no overlongs), F4 needs 80..8F (nothing above U+10FFFF).
        if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

std::size_t invalid_utf8_offset(std::string_view bytes) {
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
        // Source files are mostly ASCII: skip it eight bytes at a time.
        while (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, bytes.data() + i, 8);
            if (word & 0x8080808080808080ull) {
                break;
            }
            i += 8;
        }
        if (i >= size) {
            break;
        }
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::string_view::npos;
}

std::string sanitize_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8_sequence_length(bytes, i);
        if (length == 0) {
            out.append("\xEF\xBF\xBD");
            ++i;
        } else {
            out.append(bytes.substr(i, length));
            i += length;
        }
    }
    return out;
}

} // namespace vigil::protocol

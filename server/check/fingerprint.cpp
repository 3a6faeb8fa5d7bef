#include "server/check/fingerprint.hpp"

#include <cstdio>

namespace vigil::server::check {

std::string normalize_line(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    bool pending_space = false;
    for (char c : line) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out.push_back(' ');
            pending_space = false;
        }
        out.push_back(c);
    }
    return out;
}

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t hash = seed;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return hash;
}

std::uint64_t line_key(std::string_view code, std::string_view path, std::string_view line_text) {
    // A NUL between the parts keeps ("B1", "02x") and ("B10", "2x") apart.
    std::uint64_t hash = fnv1a(code);
    hash = fnv1a(std::string_view("\0", 1), hash);
    hash = fnv1a(path, hash);
    hash = fnv1a(std::string_view("\0", 1), hash);
    return fnv1a(normalize_line(line_text), hash);
}

std::string fingerprint(std::string_view code, std::string_view path, std::string_view line_text,
                        std::uint32_t occurrence) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%016llx:%u",
                  static_cast<unsigned long long>(line_key(code, path, line_text)), occurrence);
    return buffer;
}

} // namespace vigil::server::check

// Fingerprints that survive unrelated edits: a finding is identified by its rule code, its file,
// the text of its line with whitespace normalized, and which occurrence of that (code, line
// text) pair it is within the file. Line numbers are deliberately left out, so inserting lines
// above a finding does not make it new. Used for SARIF partialFingerprints and for --baseline.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::server::check {

// Leading and trailing whitespace removed, inner runs of whitespace collapsed to one space.
std::string normalize_line(std::string_view line);

// 64-bit FNV-1a: stable across platforms and releases (never change it: baselines store it).
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ull);

// "<16 hex digits>:<occurrence>", e.g. "9f0c2a4b1d3e5f60:0".
std::string fingerprint(std::string_view code, std::string_view path, std::string_view line_text,
                        std::uint32_t occurrence);

// The hash part alone, for counting occurrences.
std::uint64_t line_key(std::string_view code, std::string_view path, std::string_view line_text);

} // namespace vigil::server::check

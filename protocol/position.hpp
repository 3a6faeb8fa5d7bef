// Conversion between LSP positions (line, character in the negotiated encoding) and byte offsets
// into UTF-8 text. Lines end at "\n", "\r\n" or "\r", as the LSP specification says.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::protocol {

enum class PositionEncoding { Utf8, Utf16, Utf32 };

// The LSP name ("utf-8", "utf-16", "utf-32"), and back.
std::string_view encoding_name(PositionEncoding encoding);
std::optional<PositionEncoding> encoding_from_name(std::string_view name);

struct Position {
    std::uint32_t line = 0;
    std::uint32_t character = 0;
    friend auto operator<=>(const Position&, const Position&) = default; // line, then character
};

struct Range {
    Position start;
    Position end;
    friend bool operator==(const Range&, const Range&) = default;
};

// An index of line starts over one version of a text. It does not own the text: the caller keeps
// the text alive and unchanged while the index is used.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    std::size_t line_count() const { return line_starts_.size(); }

    // Byte offset of a position. Per the specification, a character past the end of its line
    // clamps to the end of the line (before its terminator), and a line past the last line clamps
    // to the end of the text. A character that falls inside a multi-unit character (half of a
    // surrogate pair) rounds down to the character's start.
    std::size_t offset_of(Position position, PositionEncoding encoding) const;

    // Position of a byte offset (clamped to the text's size). An offset inside a multi-byte
    // character or between "\r" and "\n" rounds down to the character's or terminator's start.
    Position position_of(std::size_t offset, PositionEncoding encoding) const;

private:
    // [start, end) of the line's content, without its terminator.
    std::string_view line_content(std::size_t line) const;

    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

// Length in code units of `bytes` (UTF-8, possibly invalid: each invalid byte counts as one unit,
// as if replaced by U+FFFD).
std::size_t code_units(std::string_view bytes, PositionEncoding encoding);

} // namespace vigil::protocol

#include "protocol/position.hpp"

#include "protocol/utf8.hpp"

#include <algorithm>

namespace vigil::protocol {

namespace {

// Length of the UTF-8 sequence starting at bytes[i], or 1 for an invalid or truncated sequence
// (which then stands for one U+FFFD).
std::size_t sequence_length(std::string_view bytes, std::size_t i) {
    const std::size_t length = utf8_sequence_length(bytes, i);
    return length == 0 ? 1 : length;
}

std::size_t units_of_sequence(std::size_t length, PositionEncoding encoding) {
    switch (encoding) {
    case PositionEncoding::Utf8:
        return length;
    case PositionEncoding::Utf16:
        return length == 4 ? 2 : 1;
    case PositionEncoding::Utf32:
        return 1;
    }
    return 1;
}

} // namespace

std::string_view encoding_name(PositionEncoding encoding) {
    switch (encoding) {
    case PositionEncoding::Utf8:
        return "utf-8";
    case PositionEncoding::Utf16:
        return "utf-16";
    case PositionEncoding::Utf32:
        return "utf-32";
    }
    return "utf-16";
}

std::optional<PositionEncoding> encoding_from_name(std::string_view name) {
    if (name == "utf-8") {
        return PositionEncoding::Utf8;
    }
    if (name == "utf-16") {
        return PositionEncoding::Utf16;
    }
    if (name == "utf-32") {
        return PositionEncoding::Utf32;
    }
    return std::nullopt;
}

std::size_t code_units(std::string_view bytes, PositionEncoding encoding) {
    if (encoding == PositionEncoding::Utf8) {
        return bytes.size();
    }
    std::size_t units = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = sequence_length(bytes, i);
        units += units_of_sequence(length, encoding);
        i += length;
    }
    return units;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    // Most files end their lines with '\n' alone: then memchr finds every line, far faster than
    // a byte loop. A '\r' anywhere (CRLF or old Mac endings) takes the general loop.
    if (text.find('\r') == std::string_view::npos) {
        for (std::size_t at = text.find('\n'); at != std::string_view::npos;
             at = text.find('\n', at + 1)) {
            line_starts_.push_back(at + 1);
        }
        return;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            line_starts_.push_back(i + 1);
        } else if (text[i] == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            line_starts_.push_back(i + 1);
        }
    }
}

std::string_view LineIndex::line_content(std::size_t line) const {
    const std::size_t start = line_starts_[line];
    std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
    while (end > start && (text_[end - 1] == '\n' || text_[end - 1] == '\r')) {
        --end;
    }
    return text_.substr(start, end - start);
}

std::size_t LineIndex::offset_of(Position position, PositionEncoding encoding) const {
    if (position.line >= line_starts_.size()) {
        return text_.size();
    }
    const std::string_view content = line_content(position.line);
    const std::size_t start = line_starts_[position.line];
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < content.size()) {
        const std::size_t length = sequence_length(content, i);
        const std::size_t width = units_of_sequence(length, encoding);
        if (units + width > position.character) {
            break;
        }
        units += width;
        i += length;
    }
    return start + i;
}

Position LineIndex::position_of(std::size_t offset, PositionEncoding encoding) const {
    offset = std::min(offset, text_.size());
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
    const std::string_view content = line_content(line);
    const std::size_t column_bytes = std::min(offset - line_starts_[line], content.size());
    std::size_t units = 0;
    for (std::size_t i = 0; i < column_bytes;) {
        const std::size_t length = sequence_length(content, i);
        if (i + length > column_bytes) {
            break; // offset inside a character: round down
        }
        units += units_of_sequence(length, encoding);
        i += length;
    }
    return Position{static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(units)};
}

} // namespace vigil::protocol

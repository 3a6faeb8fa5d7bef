#include "analysis/toml_limits.hpp"

namespace vigil::analysis {

namespace {

// The offset of the last byte of the string that starts at text[start] (a quote), or of the byte
// before the newline that leaves a one-line string unterminated (toml++ reports that); counts the
// newlines inside into `line`. Basic strings ("...", """...""") have escapes, literal ones do not.
std::size_t string_end(std::string_view text, std::size_t start, std::uint32_t& line) {
    const char quote = text[start];
    const std::string_view triple = quote == '"' ? "\"\"\"" : "'''";
    const bool multi = text.substr(start, 3) == triple;
    const std::string_view close = multi ? triple : triple.substr(0, 1);
    for (std::size_t i = start + close.size(); i < text.size(); ++i) {
        if (text.substr(i, close.size()) == close) {
            i += close.size() - 1;
            // """a"""" is a": up to two more quotes belong to the text.
            for (int extra = 0; multi && extra < 2 && i + 1 < text.size() && text[i + 1] == quote;
                 ++extra) {
                ++i;
            }
            return i;
        }
        if (text[i] == '\n') {
            if (!multi) {
                return i - 1;
            }
            ++line;
        } else if (text[i] == '\\' && quote == '"' && i + 1 < text.size()) {
            ++i; // the escaped byte, which may be a quote or a newline
            if (text[i] == '\n') {
                ++line;
            }
        }
    }
    return text.size();
}

} // namespace

std::optional<TomlLimitError> toml_beyond_limits(std::string_view text) {
    std::uint32_t line = 1;
    std::size_t depth = 0;
    std::size_t parts = 1; // of the key being read: dots since the last bracket, '=', ',' or line
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            parts = 1;
        } else if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
        } else if (c == '"' || c == '\'') {
            i = string_end(text, i, line);
        } else if (c == '.') {
            if (++parts > max_toml_key_parts) {
                return TomlLimitError{line, "a key with more than " +
                                                std::to_string(max_toml_key_parts) +
                                                " dotted parts"};
            }
        } else if (c == '[' || c == '{') {
            parts = 1;
            if (++depth > max_toml_nesting) {
                return TomlLimitError{line, "arrays or tables nested more than " +
                                                std::to_string(max_toml_nesting) + " deep"};
            }
        } else if (c == ']' || c == '}') {
            parts = 1;
            depth -= depth > 0 ? 1 : 0;
        } else if (c == '=' || c == ',') {
            parts = 1;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            return TomlLimitError{line, "a non-ASCII character outside a string or comment"};
        }
    }
    return std::nullopt;
}

} // namespace vigil::analysis

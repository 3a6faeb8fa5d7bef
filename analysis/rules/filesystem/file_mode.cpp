#include "analysis/rules/filesystem/file_mode.hpp"

#include "analysis/syntax/tree_sitter.hpp"

#include <cstdio>
#include <utility>

namespace vigil::analysis::rules::file_mode {

namespace {

std::optional<std::uint32_t> stat_constant(std::string_view name) {
    static constexpr std::pair<std::string_view, std::uint32_t> constants[] = {
        {"S_ISUID", 04000}, {"S_ISGID", 02000}, {"S_ISVTX", 01000}, {"S_IRWXU", 0700},
        {"S_IRUSR", 0400},  {"S_IWUSR", 0200},  {"S_IXUSR", 0100},  {"S_IRWXG", 070},
        {"S_IRGRP", 040},   {"S_IWGRP", 020},   {"S_IXGRP", 010},   {"S_IRWXO", 07},
        {"S_IROTH", 04},    {"S_IWOTH", 02},    {"S_IXOTH", 01},    {"S_IREAD", 0400},
        {"S_IWRITE", 0200}, {"S_IEXEC", 0100}};
    for (const auto& [constant, value] : constants) {
        if (name == constant) {
            return value;
        }
    }
    return std::nullopt;
}

std::optional<std::uint32_t> integer_literal(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c != '_') {
            digits += c;
        }
    }
    int base = 10;
    std::size_t start = 0;
    if (digits.size() > 2 && digits[0] == '0') {
        const char kind = static_cast<char>(digits[1] | 0x20);
        base = kind == 'o' ? 8 : kind == 'x' ? 16 : kind == 'b' ? 2 : 0;
        start = 2;
    }
    if (base == 0 || start >= digits.size()) {
        return digits == "0" ? std::optional<std::uint32_t>(0) : std::nullopt;
    }
    std::uint64_t value = 0;
    for (std::size_t i = start; i < digits.size(); ++i) {
        const char c = static_cast<char>(digits[i] | 0x20);
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
        if (digit >= base || value > 0xFFFFFFFFu) {
            return std::nullopt;
        }
        value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
    }
    return value > 0xFFFFFFFFu ? std::nullopt
                               : std::optional<std::uint32_t>(static_cast<std::uint32_t>(value));
}

} // namespace

// A mode written as an integer literal, `stat.S_*` constants, or `|`/`+` combinations of those.
std::optional<std::uint32_t> value(const SemanticModel& model, TSNode mode) {
    const std::string_view type = syntax::node_type(mode);
    if (type == "integer") {
        return integer_literal(model.text(mode));
    }
    if (type == "parenthesized_expression") {
        return value(model, syntax::named_child(mode, 0));
    }
    if (type == "identifier" || type == "attribute") {
        const std::string& name = model.qualified_name(mode);
        if (name.starts_with("stat.")) {
            return stat_constant(std::string_view(name).substr(5));
        }
        return std::nullopt;
    }
    if (type == "binary_operator") {
        const std::string_view op = model.text(syntax::child_by_field(mode, "operator"));
        const auto left = value(model, syntax::child_by_field(mode, "left"));
        const auto right = value(model, syntax::child_by_field(mode, "right"));
        if (!left || !right) {
            return std::nullopt;
        }
        if (op == "|" || op == "+") {
            return *left | *right;
        }
        if (op == "&") {
            return *left & *right;
        }
    }
    return std::nullopt;
}

std::string octal(std::uint32_t mode) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0o%o", mode);
    return buffer;
}

} // namespace vigil::analysis::rules::file_mode

// B103: chmod to a mode that lets the group or others write (or run) the file.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

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

// A mode written as an integer literal, `stat.S_*` constants, or `|`/`+` combinations of those.
std::optional<std::uint32_t> mode_value(const SemanticModel& model, TSNode mode) {
    const std::string_view type = syntax::node_type(mode);
    if (type == "integer") {
        return integer_literal(model.text(mode));
    }
    if (type == "parenthesized_expression") {
        return mode_value(model, ts_node_named_child(mode, 0));
    }
    if (type == "identifier" || type == "attribute") {
        const std::string& name = model.qualified_name(mode);
        if (name.rfind("stat.", 0) == 0) {
            return stat_constant(std::string_view(name).substr(5));
        }
        return std::nullopt;
    }
    if (type == "binary_operator") {
        const std::string_view op = model.text(syntax::child_by_field(mode, "operator"));
        const auto left = mode_value(model, syntax::child_by_field(mode, "left"));
        const auto right = mode_value(model, syntax::child_by_field(mode, "right"));
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

std::string octal(std::uint32_t value) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0o%o", value);
    return buffer;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    std::string name = model.qualified_name(view.callee);
    if (name.empty() && syntax::node_type(view.callee) == "attribute") {
        name = model.text(syntax::child_by_field(view.callee, "attribute")); // f().chmod(...)
    }
    const std::string_view last = std::string_view(name).substr(name.rfind('.') + 1);
    if (last != "chmod" && last != "fchmod" && last != "lchmod") {
        return;
    }
    TSNode mode = view.keyword("mode");
    TSNode target{};
    if (ts_node_is_null(mode)) {
        if (view.has_star_args) {
            return;
        }
        if (view.positional.size() >= 2) {
            mode = view.positional[1]; // os.chmod(path, mode), sftp.chmod(path, mode)
            target = view.positional[0];
        } else if (view.positional.size() == 1 && syntax::node_type(view.callee) == "attribute" &&
                   name.rfind("os.", 0) != 0) {
            mode = view.positional[0]; // Path(p).chmod(mode)
            target = syntax::child_by_field(view.callee, "object");
        }
    } else {
        target = view.argument(0, "path");
    }
    if (ts_node_is_null(mode)) {
        return;
    }
    const auto value = mode_value(model, mode);
    if (!value || (*value & 033) == 0) {
        return;
    }
    const std::string replacement = (*value & 0111) ? "0o700" : "0o600";
    const std::string on = ts_node_is_null(target) ? "" : " on " + std::string(model.text(target));
    context.report(view.callee,
                   {.message = name + " setting a permissive mask " + octal(*value) + on,
                    .severity = (*value & 02) ? Level::High : Level::Medium,
                    .fixes = {Fix{.title = "Restrict to the owner (" + replacement + ")",
                                  .applicability = Applicability::Unsafe,
                                  .edits = {replace_node(mode, replacement)}}}});
}

} // namespace

extern const Rule bad_file_permissions{
    {
        .code = "B103",
        .name = "bad-file-permissions",
        .bandit_name = "set_bad_file_permissions",
        .ruff_code = "S103",
        .cwe = 732,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `chmod` calls (`os.chmod`, `os.fchmod`, `os.lchmod`, "
                        "`Path.chmod`, any `.chmod(path, mode)` method) whose mode, an integer "
                        "literal or `stat.S_*` constants combined with `|`, lets the group "
                        "write or run the file, or others write or run it (`mode & 0o033`). "
                        "HIGH when others may write (`0o002`), MEDIUM otherwise.",
                .why = "A file other users can write can be replaced or altered by them: a "
                       "script or configuration file turns into code they run as you. "
                       "Executable bits for others widen what they can do with it.",
                .example = "```python\nimport os\n\nos.chmod(\"/etc/myapp/config.ini\", "
                           "0o777)\n```",
                .use_instead = "```python\nimport os\n\nos.chmod(\"/etc/myapp/config.ini\", "
                               "0o600)\n```\n\nThe quick fix (offered, never applied "
                               "automatically: sharing may be intended) writes `0o600`, or "
                               "`0o700` when the mode had an execute bit (a script or a "
                               "directory).",
                .references = "- https://docs.python.org/3/library/os.html#os.chmod\n"
                              "- https://cwe.mitre.org/data/definitions/732.html",
                .vs_bandit = "Same bits and severities as Bandit. Bandit needs exactly two "
                             "positional arguments with an integer literal mode, so it misses "
                             "`os.chmod(p, mode=0o777)`, `stat.S_IRWXU | stat.S_IRWXO` and "
                             "`Path(p).chmod(0o777)`; Vigil reads all three. Bandit matches any "
                             "call whose name contains `chmod` (`my_chmod_helper(a, 0o777)`); "
                             "Vigil matches the names `chmod`, `fchmod` and `lchmod` only.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

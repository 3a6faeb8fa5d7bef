// VG241: files and directories created with a mode that lets everyone write them: os.open,
// os.mkdir, os.makedirs, os.mkfifo, Path.mkdir. (chmod is B103's.)
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

std::optional<std::uint32_t> integer_value(std::string_view text) {
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
    if (base == 0 || digits.empty()) {
        return std::nullopt;
    }
    std::uint64_t value = 0;
    for (std::size_t i = start; i < digits.size(); ++i) {
        const char c = static_cast<char>(digits[i] | 0x20);
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : 99;
        if (digit >= base || value > 0xFFFFFFu) {
            return std::nullopt;
        }
        value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
    }
    return static_cast<std::uint32_t>(value);
}

// An integer literal, stat.S_I* constants, or | / + of those.
std::optional<std::uint32_t> mode_value(const SemanticModel& model, TSNode mode) {
    const std::string_view type = node_type(mode);
    if (type == "integer") {
        return integer_value(model.text(mode));
    }
    if (type == "parenthesized_expression") {
        return mode_value(model, ts_node_named_child(mode, 0));
    }
    if (type == "identifier" || type == "attribute") {
        const std::string name = model.qualified_name(mode);
        static constexpr std::pair<std::string_view, std::uint32_t> constants[] = {
            {"stat.S_IRWXU", 0700}, {"stat.S_IRUSR", 0400}, {"stat.S_IWUSR", 0200},
            {"stat.S_IXUSR", 0100}, {"stat.S_IRWXG", 070},  {"stat.S_IRGRP", 040},
            {"stat.S_IWGRP", 020},  {"stat.S_IXGRP", 010},  {"stat.S_IRWXO", 07},
            {"stat.S_IROTH", 04},   {"stat.S_IWOTH", 02},   {"stat.S_IXOTH", 01}};
        for (const auto& [constant, value] : constants) {
            if (name == constant) {
                return value;
            }
        }
        return std::nullopt;
    }
    if (type == "binary_operator") {
        const std::string_view op = model.text(child_by_field(mode, "operator"));
        const auto left = mode_value(model, child_by_field(mode, "left"));
        const auto right = mode_value(model, child_by_field(mode, "right"));
        if (left && right && (op == "|" || op == "+")) {
            return *left | *right;
        }
    }
    return std::nullopt;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    TSNode mode{};
    bool directory = true;
    if (name == "os.open") {
        mode = view.argument(2, "mode");
        directory = false;
    } else if (name == "os.mkfifo") {
        mode = view.argument(1, "mode");
        directory = false;
    } else if (name == "os.mkdir" || name == "os.makedirs") {
        mode = view.argument(1, "mode");
    } else if (node_type(view.callee) == "attribute" &&
               model.text(child_by_field(view.callee, "attribute")) == "mkdir" &&
               name.rfind("os.", 0) != 0) {
        mode = view.argument(0, "mode"); // Path(p).mkdir(mode=0o777), Path.mkdir(0o777)
    } else {
        return;
    }
    if (ts_node_is_null(mode)) {
        return;
    }
    const auto value = mode_value(model, mode);
    // 0o666 for a file is what open() itself asks for (the umask then applies): not a choice.
    if (!value || (*value & 02) == 0 || (!directory && *value == 0666)) {
        return;
    }
    const std::string safe = directory ? "0o700" : "0o600";
    char octal[16];
    std::snprintf(octal, sizeof octal, "0o%o", *value);
    context.report(view.callee, {.message = std::string(directory ? "Directory" : "File") +
                                            " created with world-writable mode " + octal,
                                 .fixes = {Fix{.title = "Use mode " + safe,
                                               .applicability = Applicability::Unsafe,
                                               .edits = {replace_node(mode, safe)}}}});
}

} // namespace

extern const Rule world_writable_mode{
    {
        .code = "VG241",
        .name = "world-writable-mode",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 732,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags files and directories created with a mode that lets others "
                        "write: `os.open(path, flags, 0o666)`, `os.mkdir(path, 0o777)`, "
                        "`os.makedirs(path, mode=0o777)`, `os.mkfifo(path, 0o777)` and "
                        "`Path.mkdir(mode=0o777)`, with the mode written as an integer or "
                        "`stat.S_I*` constants. A file mode of exactly 0o666 is left alone: "
                        "it is what `open()` itself asks for, filtered by the umask, so "
                        "writing it adds nothing.",
                .why = "Anyone on the machine can then replace the file's content or put "
                       "files in the directory (configuration, code, links that redirect later "
                       "writes). The process umask may remove the bits, but umask 0 and 002 are "
                       "common in containers and services, and asking for world-writable is "
                       "then what you get.",
                .example = "```python\nimport os\n\nos.makedirs(cache_dir, mode=0o777)\n```",
                .use_instead = "```python\nimport os\n\nos.makedirs(cache_dir, mode=0o700)\n```"
                               "\n\nThe quick fix writes 0o700 for directories and 0o600 for "
                               "files; it is never applied automatically, since other users or "
                               "groups may need access.",
                .references = "- https://docs.python.org/3/library/os.html#os.makedirs\n"
                              "- https://cwe.mitre.org/data/definitions/732.html",
                .vs_bandit = "Bandit and ruff have no such check: B103 (S103) looks only at "
                             "`chmod`, not at the mode files are created with.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

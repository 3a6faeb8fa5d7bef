// VG241: files and directories created with a mode that lets everyone write them: os.open,
// os.mkdir, os.makedirs, os.mkfifo, Path.mkdir. (chmod is B103's.)
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/filesystem/file_mode.hpp"
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
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"open", "mkfifo", "mkdir", "makedirs"};

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
    } else if (view.method == "mkdir" && !name.starts_with("os.")) {
        mode = view.argument(0, "mode"); // Path(p).mkdir(mode=0o777), Path.mkdir(0o777)
    } else {
        return;
    }
    if (ts_node_is_null(mode)) {
        return;
    }
    const auto value = file_mode::value(model, mode);
    // 0o666 for a file is what open() itself asks for (the umask then applies): not a choice.
    if (!value || (*value & 02) == 0 || (!directory && *value == 0666)) {
        return;
    }
    const std::string safe = directory ? "0o700" : "0o600";
    const std::string octal = file_mode::octal(*value);
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
    callee_names,
};

} // namespace vigil::analysis::rules

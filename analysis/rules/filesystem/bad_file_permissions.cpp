// B103: chmod to a mode that lets the group or others write (or run) the file.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/filesystem/file_mode.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"chmod", "fchmod", "lchmod"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    std::string name = model.qualified_name(view.callee);
    if (name.empty()) {
        name = view.method; // f().chmod(...)
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
                   !name.starts_with("os.")) {
            mode = view.positional[0]; // Path(p).chmod(mode)
            target = view.receiver;
        }
    } else {
        target = view.argument(0, "path");
    }
    if (ts_node_is_null(mode)) {
        return;
    }
    const auto value = file_mode::value(model, mode);
    if (!value || (*value & 033) == 0) {
        return;
    }
    const std::string replacement = (*value & 0111) ? "0o700" : "0o600";
    const std::string on = ts_node_is_null(target) ? "" : " on " + std::string(model.text(target));
    context.report(view.callee,
                   {.message = name + " setting a permissive mask " + file_mode::octal(*value) + on,
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
    callee_names,
};

} // namespace vigil::analysis::rules

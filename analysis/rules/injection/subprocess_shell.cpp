// B602: subprocess call with shell=True.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// subprocess.run("ls -l", shell=True) -> subprocess.run(["ls", "-l"]).
std::optional<Fix> without_shell_fix(const RuleContext& context, const CallView& view,
                                     TSNode command) {
    if (syntax::node_type(command) != "string") {
        return std::nullopt; // a name bound to the string: rewriting its use alone would mislead
    }
    const auto value = context.model().string_value(command);
    const auto words = value ? shell::plain_words(*value) : std::nullopt;
    if (!words) {
        return std::nullopt;
    }
    return Fix{
        .title = "Pass the command as a list, without a shell",
        .applicability = Applicability::Safe,
        .edits = {replace_node(command, shell::as_list_literal(*words)),
                  remove_argument(keyword_argument_node(view, "shell"), context.model().text())}};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (shell::kind_of(context, name) != shell::Kind::Subprocess ||
        !shell::is_truthy(model, view.keyword("shell"))) {
        return;
    }
    const TSNode command = shell::command(view, shell::Kind::Subprocess);
    if (ts_node_is_null(command)) {
        return;
    }
    // A literal command cannot carry injected text today; it is still worth a low-severity note.
    if (model.string_value(command)) {
        std::vector<Fix> fixes;
        if (auto fix = without_shell_fix(context, view, command)) {
            fixes.push_back(std::move(*fix));
        }
        context.report(view.callee, {.message = name + " with shell=True seems safe, but may be "
                                                       "changed in the future, consider rewriting "
                                                       "without shell",
                                     .severity = Level::Low,
                                     .fixes = std::move(fixes)});
        return;
    }
    context.report(view.callee, {.message = name + " with shell=True identified, security issue.",
                                 .severity = Level::High});
}

} // namespace

extern const Rule subprocess_shell{
    {
        .code = "B602",
        .name = "subprocess-popen-with-shell-equals-true",
        .bandit_name = "subprocess_popen_with_shell_equals_true",
        .ruff_code = "S602",
        .cwe = 78,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `subprocess` calls (`Popen`, `run`, `call`, `check_call`, "
                        "`check_output`; configurable) with a truthy `shell=` argument. Severity "
                        "is HIGH when the command is not a constant string, LOW when it is.",
                .why = "With `shell=True` the command is a shell script: any part of it that "
                       "comes from outside (a file name, a form field) can add commands with `;`, "
                       "`$(...)` or backticks.",
                .example = "```python\nsubprocess.run(\"tar czf backup.tgz \" + directory, "
                           "shell=True)\n```",
                .use_instead = "Pass the command as a list of arguments, without a shell:\n\n"
                               "```python\nsubprocess.run([\"tar\", \"czf\", \"backup.tgz\", "
                               "directory], check=True)\n```",
                .references =
                    "- https://docs.python.org/3/library/subprocess.html#security-considerations\n"
                    "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit = "Same truthiness rules for `shell=` as Bandit. Vigil also resolves "
                             "aliases (`from subprocess import run as r`), treats a variable bound "
                             "once to a string constant as constant (LOW, as Bandit does for a "
                             "literal), and accepts the command given as `args=`, which Bandit "
                             "misses.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

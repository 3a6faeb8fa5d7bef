// B604: a function other than the subprocess ones called with a truthy shell=.
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const TSNode shell_value = view.keyword("shell");
    if (ts_node_is_null(shell_value) || !shell::is_truthy(model, shell_value)) {
        return;
    }
    const std::string& name = model.qualified_name(view.callee);
    if (shell::kind_of(context, name) == shell::Kind::Subprocess) {
        return; // B602's
    }
    std::string shown = name.empty() ? std::string(model.text(view.callee)) : name;
    if (shown.size() > 60 || shown.find('\n') != std::string::npos) {
        shown = shown.substr(shown.find_last_of(".\n") + 1); // just the function
    }
    context.report(view.callee, {.message = "Function call with shell=True parameter identified "
                                            "(" +
                                            shown + "), possible security issue."});
}

} // namespace

extern const Rule shell_keyword{
    {
        .code = "B604",
        .name = "call-with-shell-equals-true",
        .bandit_name = "any_other_function_with_shell_equals_true",
        .ruff_code = "S604",
        .cwe = 78,
        .severity = Level::Medium,
        .confidence = Level::Low,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags calls of any function other than the `subprocess` ones (B602) with "
                        "a truthy `shell=` argument, such as a project's own wrapper around "
                        "`subprocess`.",
                .why = "A `shell=True` argument usually means the command reaches a shell: any "
                       "part of it from outside can add commands with `;`, `$(...)` or "
                       "backticks.",
                .example = "```python\nutils.run_command(\"convert \" + upload, shell=True)\n```",
                .use_instead = "Call the wrapper without a shell, with the command as a list:\n\n"
                               "```python\nutils.run_command([\"convert\", upload])\n```",
                .references =
                    "- https://docs.python.org/3/library/subprocess.html#security-considerations\n"
                    "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit = "Same as Bandit, with the same truthiness rules for `shell=` (a "
                             "variable counts as true). Aliases of the subprocess functions are "
                             "resolved, so `from subprocess import run as r; r(c, shell=True)` "
                             "is B602, not B604.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// B606: starting a process without a shell (os.exec*, os.spawn*, os.startfile).
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (shell::kind_of(context, name) != shell::Kind::NoShell) {
        return;
    }
    context.report(view.callee, {.message = "Starting a process without a shell (" + name + ")."});
}

} // namespace

extern const Rule start_process_without_shell{
    {
        .code = "B606",
        .name = "start-process-with-no-shell",
        .bandit_name = "start_process_with_no_shell",
        .ruff_code = "S606",
        .cwe = 78,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileBandit,
        .doc =
            {
                .what = "Flags every call that starts a process without a shell: `os.exec*`, "
                        "`os.spawn*` and `os.startfile` (configurable), as a reminder to check "
                        "what it runs. Only in the `bandit` profile.",
                .why = "No command can be injected without a shell, but a program or arguments "
                       "taken from outside can still run the wrong program or pass it a harmful "
                       "option; `os.startfile` opens whatever the file's type says.",
                .example = "```python\nos.execvp(tool, [tool, path])\n```",
                .use_instead = "Keep the program fixed and validate the arguments:\n\n```python\n"
                               "os.execv(\"/usr/bin/less\", [\"less\", \"--\", path])\n```",
                .references = "- https://docs.python.org/3/library/os.html#os.execv\n"
                              "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit =
                    "Same check as Bandit, with aliases resolved, but only in the `bandit` "
                    "profile: like B603, it flags the safe way of starting a process, so in the "
                    "default profile it would be noise.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// B603: subprocess call without a shell (a note to check what it runs).
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
    if (shell::kind_of(context, name) != shell::Kind::Subprocess ||
        shell::is_truthy(model, view.keyword("shell"))) {
        return;
    }
    context.report(view.callee,
                   {.message = name + " call - check for execution of untrusted input."});
}

} // namespace

extern const Rule subprocess_without_shell{
    {
        .code = "B603",
        .name = "subprocess-without-shell-equals-true",
        .bandit_name = "subprocess_without_shell_equals_true",
        .ruff_code = "S603",
        .cwe = 78,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileBandit,
        .doc =
            {
                .what = "Flags every `subprocess` call (`Popen`, `run`, `call`, `check_call`, "
                        "`check_output`; configurable) that does not use a shell, as a reminder "
                        "to check what it runs. Only in the `bandit` profile.",
                .why = "Without a shell no command can be injected, but a program and arguments "
                       "taken from outside can still run the wrong program or pass it an option "
                       "(`--output=/etc/passwd`, `-oProxyCommand=...`) that makes it do harm.",
                .example = "```python\nsubprocess.run([\"git\", \"clone\", url])\n```",
                .use_instead =
                    "Keep the program fixed, validate the arguments, and end the options with "
                    "`--` when the program supports it:\n\n```python\nif not "
                    "url.startswith(\"https://\"):\n    raise ValueError(url)\n"
                    "subprocess.run([\"git\", \"clone\", \"--\", url], check=True)\n```",
                .references =
                    "- https://docs.python.org/3/library/subprocess.html#security-considerations\n"
                    "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit =
                    "Same check as Bandit (every call whose `shell=` is missing or false), but "
                    "only in the `bandit` profile: a list-argument call without a shell is the "
                    "safe way to run a program, so flagging every one is noise the default "
                    "profile leaves out. A non-literal command is not kept in the default "
                    "profile either: nearly every real call has a variable argument (ruff's "
                    "S603 shows that this alone still flags most calls), while the injectable "
                    "cases are covered by B602, B604 and B605. Aliases are resolved.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

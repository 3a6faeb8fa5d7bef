// B601: a command run over SSH with paramiko's exec_command.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"exec_command"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method != "exec_command" || !model.imports_module("paramiko")) {
        return;
    }
    const TSNode command = view.argument(0, "command");
    if (ts_node_is_null(command)) {
        return;
    }
    // The client as written, when it is short enough to name in a message.
    std::string receiver(model.text(view.receiver));
    if (receiver.size() > 40 || receiver.find('\n') != std::string::npos) {
        receiver = "a client";
    }
    if (model.string_value(command)) {
        context.report(view.callee,
                       {.message = "Paramiko exec_command on " + receiver +
                                   " runs a constant command in the remote shell: seems safe, "
                                   "but may be changed in the future.",
                        .severity = Level::Low});
        return;
    }
    context.report(view.callee,
                   {.message = "Possible shell injection via Paramiko call (exec_command on " +
                               receiver + "), check inputs are properly sanitized."});
}

} // namespace

extern const Rule paramiko_calls{
    {
        .code = "B601",
        .name = "paramiko-call",
        .bandit_name = "paramiko_calls",
        .ruff_code = "S601",
        .cwe = 78,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `exec_command` calls in files that import `paramiko`: the "
                        "command runs in the remote user's shell. Severity is MEDIUM when the "
                        "command is not a constant string, LOW when it is.",
                .why = "`exec_command` hands its string to the shell on the server, so any part "
                       "of it that comes from outside can add commands with `;`, `$(...)` or "
                       "backticks, run with the SSH user's rights.",
                .example = "```python\nclient = paramiko.SSHClient()\n...\nclient.exec_command("
                           "\"tail -n 100 \" + log_name)\n```",
                .use_instead = "Quote every argument for the remote shell (or send only fixed "
                               "commands):\n\n```python\nimport shlex\n\nclient.exec_command("
                               "\"tail -n 100 \" + shlex.quote(log_name))\n```",
                .references = "- https://docs.paramiko.org/en/stable/api/client.html\n"
                              "- https://docs.python.org/3/library/shlex.html#shlex.quote\n"
                              "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit =
                    "Like Bandit, any `.exec_command(...)` in a file importing `paramiko` (the "
                    "client's type is rarely known), but Bandit's import test is a substring "
                    "(`my_paramiko_utils` counts) and Vigil's is the module or its submodules. "
                    "A constant command (a literal, or a name bound once to one) is LOW "
                    "instead of MEDIUM, as B602 and B605 do for constant shell commands; a "
                    "call without a command is not flagged.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

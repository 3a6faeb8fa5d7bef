// VG302: untrusted data that reaches a command run by a shell.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B602", "B604", "B605", "B601"};

} // namespace

extern const Rule command_injection{
    {
        .code = "VG302",
        .name = "command-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 78,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that reaches a command run by a shell: `os.system`, "
                        "`os.popen`, `subprocess.*(..., shell=True)`, an argv list that starts `sh "
                        "-c`, `asyncio.create_subprocess_shell`. It follows the data from where it "
                        "enters (see `flow-sources`) through assignments, string building, "
                        "containers and calls, and reports only when it arrives with nothing on "
                        "the way that makes it safe for this use.",
                .why = "A shell reads `;`, `|`, `&&`, `$(...)` and backquotes in the data as more "
                       "commands: `file.txt; rm -rf ~` runs both.",
                .example = "```python\nhost = request.args[\"host\"]\nos.system(\"ping -c 1 \" + "
                           "host)\n```",
                .use_instead = "Run the program without a shell and pass the data as one "
                               "argument:\n\n```python\nsubprocess.run([\"ping\", \"-c\", \"1\", "
                               "host], check=True)\n```\n\nWhere a shell is unavoidable, quote "
                               "each value with `shlex.quote`.",
                .references = "- https://owasp.org/www-community/attacks/Command_Injection\n- "
                              "https://cwe.mitre.org/data/definitions/78.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

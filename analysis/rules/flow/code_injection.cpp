// VG303: untrusted data that reaches `eval`, `exec` or `compile`.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B307", "B102"};

} // namespace

extern const Rule code_injection{
    {
        .code = "VG303",
        .name = "code-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 95,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that reaches `eval`, `exec` or `compile`. It follows "
                        "the data from where it enters (see `flow-sources`) through assignments, "
                        "string building, containers and calls, and reports only when it arrives "
                        "with nothing on the way that makes it safe for this use.",
                .why = "Whoever controls the text controls the server: "
                       "`__import__('os').system('...')` is a valid expression.",
                .example = "```python\nexpression = request.args[\"expr\"]\nresult = "
                           "eval(expression)\n```",
                .use_instead =
                    "Parse the data instead of running it: `ast.literal_eval` for Python literals, "
                    "`json.loads` for JSON, or a small parser for the expressions you accept.",
                .references = "- https://owasp.org/www-community/attacks/Code_Injection\n- "
                              "https://cwe.mitre.org/data/definitions/95.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

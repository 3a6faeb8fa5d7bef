// VG313: untrusted data written to a log through the `logging` module's functions.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule log_injection{
    {
        .code = "VG313",
        .name = "log-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 117,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags untrusted data written to a log through the `logging` module's "
                    "functions. It follows the data from where it enters (see `flow-sources`) "
                    "through assignments, string building, containers and calls, and reports only "
                    "when it arrives with nothing on the way that makes it safe for this use.",
                .why = "A newline in the data starts a forged log entry (`ok\\nINFO admin logged "
                       "in`), misleading whoever reads the log or parses it.",
                .example =
                    "```python\nlogging.info(\"login failed for \" + request.form[\"user\"])\n```",
                .use_instead = "Log the value with `%r` or `repr()`, or as JSON "
                               "(`json.dumps(value)`), so that line breaks show as escapes.",
                .references = "- https://owasp.org/www-community/attacks/Log_Injection\n- "
                              "https://cwe.mitre.org/data/definitions/117.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

// VG312: untrusted data written into a response header (`response.headers[...] = value`).
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule http_header_injection{
    {
        .code = "VG312",
        .name = "http-header-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 113,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags untrusted data written into a response header (`response.headers[...] = "
                    "value`). It follows the data from where it enters (see `flow-sources`) "
                    "through assignments, string building, containers and calls, and reports only "
                    "when it arrives with nothing on the way that makes it safe for this use.",
                .why = "A header value is one line: a carriage return and line feed in the data "
                       "end it and start the attacker's own headers, or body (response splitting), "
                       "on servers that do not reject them.",
                .example = "```python\nresponse.headers[\"X-Name\"] = request.args[\"name\"]\n```",
                .use_instead =
                    "Reject values with control characters, or take the value from a fixed set.",
                .references =
                    "- https://owasp.org/www-community/attacks/HTTP_Response_Splitting\n- "
                    "https://cwe.mitre.org/data/definitions/113.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

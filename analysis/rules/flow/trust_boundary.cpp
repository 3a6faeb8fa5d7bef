// VG314: untrusted data stored in the server-side session (`session[...] = value` in Flask and
// Quart).
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule trust_boundary_violation{
    {
        .code = "VG314",
        .name = "trust-boundary-violation",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 501,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data stored in the server-side session (`session[...] = "
                        "value` in Flask and Quart). It follows the data from where it enters (see "
                        "`flow-sources`) through assignments, string building, containers and "
                        "calls, and reports only when it arrives with nothing on the way that "
                        "makes it safe for this use.",
                .why = "Code that reads the session trusts it as the server's own: a value the "
                       "client chose, stored there unchecked, becomes trusted on later requests.",
                .example = "```python\nsession[\"role\"] = request.args[\"role\"]\n```",
                .use_instead = "Validate the value (against a fixed set, a type) before it goes "
                               "into the session.",
                .references = "- https://cwe.mitre.org/data/definitions/501.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

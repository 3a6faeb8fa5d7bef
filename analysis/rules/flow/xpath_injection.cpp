// VG311: untrusted data that reaches the text of an XPath expression.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule xpath_injection{
    {
        .code = "VG311",
        .name = "xpath-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 643,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that reaches the text of an XPath expression: lxml "
                        "`xpath()`, `XPath`, `ETXPath`. It follows the data from where it enters "
                        "(see `flow-sources`) through assignments, string building, containers and "
                        "calls, and reports only when it arrives with nothing on the way that "
                        "makes it safe for this use.",
                .why = "`' or '1'='1` changes what the expression selects: another user's record, "
                       "every node of the document.",
                .example = "```python\ntree.xpath(\"//user[name='\" + request.args[\"name\"] + "
                           "\"']\")\n```",
                .use_instead = "Keep the expression constant and pass values as XPath variables: "
                               "`tree.xpath(\"//user[name=$name]\", name=name)`.",
                .references = "- https://owasp.org/www-community/attacks/XPATH_Injection\n- "
                              "https://cwe.mitre.org/data/definitions/643.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

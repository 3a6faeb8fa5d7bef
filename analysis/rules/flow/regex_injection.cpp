// VG315: untrusted data used as the pattern of a regular expression (`re.compile`, `re.match`,
// `re.search`, `re.sub` ...).
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule regex_injection{
    {
        .code = "VG315",
        .name = "regex-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 730,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data used as the pattern of a regular expression "
                        "(`re.compile`, `re.match`, `re.search`, `re.sub` ...). It follows the "
                        "data from where it enters (see `flow-sources`) through assignments, "
                        "string building, containers and calls, and reports only when it arrives "
                        "with nothing on the way that makes it safe for this use.",
                .why = "A pattern such as `(a+)+$` takes exponential time on some inputs: one "
                       "request keeps a worker busy for minutes (ReDoS). The data also changes "
                       "what the pattern matches.",
                .example = "```python\nif re.search(request.args[\"q\"], text): ...\n```",
                .use_instead = "Escape the value with `re.escape` to match it literally, or search "
                               "with `in` / `str.find`.",
                .references = "- "
                              "https://owasp.org/www-community/attacks/"
                              "Regular_expression_Denial_of_Service_-_ReDoS\n- "
                              "https://cwe.mitre.org/data/definitions/730.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

// VG308: untrusted data that becomes the text of a template.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule template_injection{
    {
        .code = "VG308",
        .name = "server-side-template-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 1336,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that becomes the text of a template: "
                        "`render_template_string`, `jinja2.Template`, `Environment.from_string`, "
                        "Mako and Django `Template`. It follows the data from where it enters (see "
                        "`flow-sources`) through assignments, string building, containers and "
                        "calls, and reports only when it arrives with nothing on the way that "
                        "makes it safe for this use.",
                .why = "Template languages reach Python objects: `{{ "
                       "''.__class__.__mro__[1].__subclasses__() }}` leads to running commands on "
                       "the server.",
                .example = "```python\nreturn render_template_string(\"<p>\" + "
                           "request.args[\"msg\"] + \"</p>\")\n```",
                .use_instead = "Keep the template constant and pass the data as a variable: "
                               "`render_template_string(\"<p>{{ msg }}</p>\", msg=msg)`.",
                .references =
                    "- https://portswigger.net/web-security/server-side-template-injection\n- "
                    "https://cwe.mitre.org/data/definitions/1336.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

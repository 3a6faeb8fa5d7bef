// VG307: untrusted data that is sent back as HTML without escaping.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B703", "B704", "B308"};

} // namespace

extern const Rule reflected_xss{
    {
        .code = "VG307",
        .name = "reflected-xss",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 79,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that is sent back as HTML without escaping: a Flask "
                        "view returning a string built from it, `make_response`, `Response`, "
                        "Django `HttpResponse`, `Markup`/`mark_safe`, `HTMLResponse`. It follows "
                        "the data from where it enters (see `flow-sources`) through assignments, "
                        "string building, containers and calls, and reports only when it arrives "
                        "with nothing on the way that makes it safe for this use.",
                .why = "The browser runs any `<script>` the data holds in your site's origin: the "
                       "attacker reads the victim's session, acts as them, rewrites the page.",
                .example = "```python\nname = request.args[\"name\"]\nreturn f\"<h1>Hello "
                           "{name}</h1>\"\n```",
                .use_instead = "Render a template with autoescaping on (`render_template`, Django "
                               "templates), or escape the value with `markupsafe.escape` / "
                               "`django.utils.html.escape` before it goes into HTML.",
                .references = "- https://owasp.org/www-community/attacks/xss/\n- "
                              "https://cwe.mitre.org/data/definitions/79.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

// VG306: untrusted data that becomes where a response redirects to.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule open_redirect{
    {
        .code = "VG306",
        .name = "open-redirect",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 601,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that becomes where a response redirects to: Flask "
                        "and Werkzeug `redirect`, Django `redirect` and `HttpResponseRedirect`, "
                        "Starlette `RedirectResponse`. It follows the data from where it enters "
                        "(see `flow-sources`) through assignments, string building, containers and "
                        "calls, and reports only when it arrives with nothing on the way that "
                        "makes it safe for this use.",
                .why = "A link to your site that forwards to the attacker's "
                       "(`/login?next=https://evil.example`) borrows your domain's trust for "
                       "phishing.",
                .example = "```python\nreturn redirect(request.args[\"next\"])\n```",
                .use_instead =
                    "Redirect only to paths of your own site, or check the target's host: Django's "
                    "`url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()})`, "
                    "or `urlparse(url).netloc` against a fixed list.",
                .references = "- "
                              "https://cheatsheetseries.owasp.org/cheatsheets/"
                              "Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html\n- "
                              "https://cwe.mitre.org/data/definitions/601.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

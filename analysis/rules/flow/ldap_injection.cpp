// VG310: untrusted data that reaches the filter of an LDAP search (`python-ldap`
// `search_s`/`search_ext_s`, `ldap3` `Connection.search`).
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule ldap_injection{
    {
        .code = "VG310",
        .name = "ldap-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 90,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that reaches the filter of an LDAP search "
                        "(`python-ldap` `search_s`/`search_ext_s`, `ldap3` `Connection.search`). "
                        "It follows the data from where it enters (see `flow-sources`) through "
                        "assignments, string building, containers and calls, and reports only when "
                        "it arrives with nothing on the way that makes it safe for this use.",
                .why = "`*)(uid=*))(|(uid=*` widens the filter to every entry, bypassing a login "
                       "check or leaking the directory.",
                .example = "```python\nconn.search_s(BASE, ldap.SCOPE_SUBTREE, \"(uid=\" + "
                           "request.form[\"user\"] + \")\")\n```",
                .use_instead =
                    "Escape each value with `ldap.filter.escape_filter_chars` (or "
                    "`ldap3.utils.conv.escape_filter_chars`) before putting it in a filter.",
                .references = "- "
                              "https://cheatsheetseries.owasp.org/cheatsheets/"
                              "LDAP_Injection_Prevention_Cheat_Sheet.html\n- "
                              "https://cwe.mitre.org/data/definitions/90.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

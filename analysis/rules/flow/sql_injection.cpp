// VG301: untrusted data (request parameters, headers, bodies, and whatever is built from them) that
// reaches the text of a SQL query.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B608", "B610", "B611"};

} // namespace

extern const Rule sql_injection{
    {
        .code = "VG301",
        .name = "sql-injection",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 89,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data (request parameters, headers, bodies, and whatever "
                        "is built from them) that reaches the text of a SQL query: DB-API "
                        "`cursor.execute`/`executemany`/`executescript`, SQLAlchemy `text()`, "
                        "Django `raw()` and `RawSQL`, pandas `read_sql`. It follows the data from "
                        "where it enters (see `flow-sources`) through assignments, string "
                        "building, containers and calls, and reports only when it arrives with "
                        "nothing on the way that makes it safe for this use.",
                .why = "Data spliced into SQL text can change the query itself: `' OR '1'='1` "
                       "returns every row, `'; DROP TABLE users; --` destroys them. The database "
                       "cannot tell the programmer's SQL from the attacker's.",
                .example = "```python\nname = request.args[\"name\"]\ncursor.execute(\"SELECT * "
                           "FROM users WHERE name = '%s'\" % name)\n```",
                .use_instead = "Pass values as parameters and keep the query text "
                               "constant:\n\n```python\ncursor.execute(\"SELECT * FROM users WHERE "
                               "name = %s\", (name,))\n```\n\nIdentifiers (table or column names) "
                               "cannot be parameters: choose them from a fixed set.",
                .references = "- https://owasp.org/www-community/attacks/SQL_Injection\n- "
                              "https://cwe.mitre.org/data/definitions/89.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

// B611: Django RawSQL with SQL that is not a constant.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (name != "django.db.models.RawSQL" && name != "django.db.models.expressions.RawSQL") {
        return;
    }
    const TSNode sql = view.argument(0, "sql");
    if (ts_node_is_null(sql) || model.string_value(sql)) {
        return;
    }
    context.report(view.callee, {.message = "Use of RawSQL potential SQL attack vector (the SQL "
                                            "is not a constant string)."});
}

} // namespace

extern const Rule django_rawsql{
    {
        .code = "B611",
        .name = "django-raw-sql",
        .bandit_name = "django_rawsql_used",
        .ruff_code = "S611",
        .cwe = 89,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags Django `RawSQL(sql, params)` expressions whose SQL is not a "
                        "constant string.",
                .why = "The SQL is used as written: a value formatted into it is an SQL "
                       "injection.",
                .example = "```python\nfrom django.db.models.expressions import RawSQL\n\n"
                           "qs.annotate(v=RawSQL(f\"SELECT col FROM t WHERE id = {pk}\", []))\n"
                           "```",
                .use_instead = "Keep the SQL constant and pass values as params:\n\n```python\n"
                               "qs.annotate(v=RawSQL(\"SELECT col FROM t WHERE id = %s\", "
                               "(pk,)))\n```",
                .references = "- https://docs.djangoproject.com/en/stable/ref/models/expressions/"
                              "#raw-sql-expressions\n"
                              "- https://cwe.mitre.org/data/definitions/89.html",
                .vs_bandit = "Bandit matches any call named `RawSQL` in a file whose imports "
                             "contain `django.db.models` as a substring; Vigil resolves the name "
                             "to `django.db.models.RawSQL` (or `.expressions.RawSQL`) through "
                             "imports and aliases (`from django.db import models; "
                             "models.RawSQL`), and treats a name bound once to a string "
                             "constant as constant.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// B610: Django QuerySet.extra() with SQL that is not all constant.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"extra"};

bool is_constant_string(const SemanticModel& model, TSNode node) {
    return model.string_value(node).has_value();
}

// where= and tables=: a literal list (or tuple) of constant strings is safe.
bool safe_list(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    if (type != "list" && type != "tuple") {
        return false;
    }
    for (uint32_t i = 0; i < syntax::named_child_count(value); ++i) {
        if (!is_constant_string(model, syntax::named_child(value, i))) {
            return false;
        }
    }
    return true;
}

// select=: a literal dict of constant strings to constant strings is safe.
bool safe_dict(const SemanticModel& model, TSNode value) {
    if (syntax::node_type(value) != "dictionary") {
        return false;
    }
    for (uint32_t i = 0; i < syntax::named_child_count(value); ++i) {
        const TSNode pair = syntax::named_child(value, i);
        if (syntax::node_type(pair) == "comment") {
            continue;
        }
        if (syntax::node_type(pair) != "pair" ||
            !is_constant_string(model, syntax::child_by_field(pair, "key")) ||
            !is_constant_string(model, syntax::child_by_field(pair, "value"))) {
            return false;
        }
    }
    return true;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method != "extra") {
        return;
    }
    // extra(select=None, where=None, params=None, tables=None, order_by=None, select_params=None)
    const TSNode select = view.argument(0, "select");
    const TSNode where = view.argument(1, "where");
    const TSNode tables = view.argument(3, "tables");
    std::string what;
    if (!ts_node_is_null(select) && syntax::node_type(select) != "none" &&
        !safe_dict(model, select)) {
        what = "select";
    } else if (!ts_node_is_null(where) && syntax::node_type(where) != "none" &&
               !safe_list(model, where)) {
        what = "where";
    } else if (!ts_node_is_null(tables) && syntax::node_type(tables) != "none" &&
               !safe_list(model, tables)) {
        what = "tables";
    } else {
        return;
    }
    context.report(view.callee, {.message = "Use of extra potential SQL attack vector (" + what +
                                            "= is not all constant strings)."});
}

} // namespace

extern const Rule django_extra{
    {
        .code = "B610",
        .name = "django-extra",
        .bandit_name = "django_extra_used",
        .ruff_code = "S610",
        .cwe = 89,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags Django `QuerySet.extra()` calls whose `select=`, `where=` or "
                        "`tables=` SQL is not made only of constant strings.",
                .why = "`extra()` pastes these strings into the query as SQL: a value formatted "
                       "into them is an SQL injection.",
                .example = "```python\nUser.objects.extra(where=[f\"name = '{name}'\"])\n```",
                .use_instead = "Use the ORM (filters, `annotate`, `F`, `Func`), or keep the SQL "
                               "constant and pass values in `params=`:\n\n```python\n"
                               "User.objects.extra(where=[\"name = %s\"], params=[name])\n```",
                .references = "- https://docs.djangoproject.com/en/stable/ref/models/querysets/"
                              "#extra\n"
                              "- https://cwe.mitre.org/data/definitions/89.html",
                .vs_bandit = "Same as Bandit (any `.extra(...)` call, as Django code often "
                             "imports no Django module where it queries), except that a tuple "
                             "of constants and names bound once to string constants count as "
                             "constant, and an explicit `None` is not flagged.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

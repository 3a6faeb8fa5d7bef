// VG122: a Django MIDDLEWARE list without CsrfViewMiddleware.
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"module"};
constexpr std::string_view csrf_middleware = "django.middleware.csrf.CsrfViewMiddleware";

// The edit adding CsrfViewMiddleware after `after` (where Django's project template has it:
// after CommonMiddleware), on a line of its own when the list has one element per line.
TextEdit insert_after(TSNode after) {
    const std::string quoted = "\"" + std::string(csrf_middleware) + "\"";
    const TSNode next = ts_node_next_sibling(after);
    const bool comma = !ts_node_is_null(next) && syntax::node_type(next) == ",";
    const TSNode list = syntax::parent(after);
    if (ts_node_start_point(after).row == ts_node_start_point(list).row) {
        const std::size_t at = ts_node_end_byte(after);
        return TextEdit{at, at, ", " + quoted};
    }
    const std::string indent(ts_node_start_point(after).column, ' ');
    if (comma) {
        const std::size_t at = ts_node_end_byte(next);
        return TextEdit{at, at, "\n" + indent + quoted + ","};
    }
    const std::size_t at = ts_node_end_byte(after);
    return TextEdit{at, at, ",\n" + indent + quoted};
}

void check(TSNode, RuleContext& context) {
    const SemanticModel& model = context.model();
    bool looked = false;
    for (const auto& setting : framework::top_level_assignments(context)) {
        if (setting.name != "MIDDLEWARE" && setting.name != "MIDDLEWARE_CLASSES") {
            continue;
        }
        if (!looked) {
            looked = true;
            if (framework::is_dev_or_test_path(context.path()) ||
                model.text().find("CsrfViewMiddleware") != std::string_view::npos) {
                return; // named somewhere: added, subclassed or removed some other way
            }
        }
        const std::string_view type = syntax::node_type(setting.value);
        if (type != "list" && type != "tuple") {
            continue;
        }
        bool all_literal = true;
        bool django = false;
        TSNode common{};
        for (uint32_t i = 0; i < syntax::named_child_count(setting.value); ++i) {
            const TSNode element = syntax::named_child(setting.value, i);
            if (syntax::node_type(element) == "comment") {
                continue;
            }
            const auto name = model.string_value(element);
            if (!name) {
                all_literal = false;
                break;
            }
            django = django || name->starts_with("django.middleware.");
            if (*name == "django.middleware.common.CommonMiddleware") {
                common = element;
            }
        }
        if (!all_literal || !django) {
            continue;
        }
        std::vector<Fix> fixes;
        if (!ts_node_is_null(common)) {
            fixes.push_back(Fix{.title = "Add CsrfViewMiddleware after CommonMiddleware",
                                .applicability = Applicability::Unsafe,
                                .edits = {insert_after(common)}});
        }
        context.report(setting.target,
                       {.message = std::string(setting.name) +
                                   " has no django.middleware.csrf.CsrfViewMiddleware: no view "
                                   "is protected against CSRF.",
                        .fixes = std::move(fixes)});
    }
}

} // namespace

extern const Rule csrf_middleware_missing{
    {
        .code = "VG122",
        .name = "csrf-middleware-missing",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 352,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a module-level `MIDDLEWARE` (or the old `MIDDLEWARE_CLASSES`) "
                        "list or tuple of string literals that names at least one "
                        "`django.middleware.*` class but not "
                        "`django.middleware.csrf.CsrfViewMiddleware`. Left alone: lists with "
                        "other elements (names, concatenations), files that mention "
                        "`CsrfViewMiddleware` anywhere (added later, subclassed), and files "
                        "named for development or tests (`test_settings.py`, "
                        "`settings/dev.py`, `tests/settings.py`).",
                .why = "Django checks CSRF tokens in that middleware: without it no view is "
                       "protected, and any site can make a logged-in user's browser submit "
                       "forms to the app.",
                .example = "```python\nMIDDLEWARE = [\n    "
                           "\"django.middleware.security.SecurityMiddleware\",\n    "
                           "\"django.contrib.sessions.middleware.SessionMiddleware\",\n    "
                           "\"django.middleware.common.CommonMiddleware\",\n    "
                           "\"django.contrib.auth.middleware.AuthenticationMiddleware\",\n]\n```",
                .use_instead = "Keep it where the project template has it, after "
                               "`CommonMiddleware`, and exempt single views if you must. The "
                               "quick fix (offered, never applied automatically) adds it there "
                               "when the list has `CommonMiddleware`.",
                .references = "- https://docs.djangoproject.com/en/stable/ref/csrf/\n"
                              "- https://docs.djangoproject.com/en/stable/ref/middleware/"
                              "#middleware-ordering\n"
                              "- https://cwe.mitre.org/data/definitions/352.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

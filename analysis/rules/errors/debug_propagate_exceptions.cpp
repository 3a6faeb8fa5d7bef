// VG131: Django's DEBUG_PROPAGATE_EXCEPTIONS turned on in production settings.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"module"};

void check(TSNode, RuleContext& context) {
    const SemanticModel& model = context.model();
    bool checked = false;
    for (const auto& setting : framework::top_level_assignments(context)) {
        const std::string_view type = syntax::node_type(setting.value);
        if (setting.name != "DEBUG_PROPAGATE_EXCEPTIONS" || (type != "true" && type != "integer") ||
            !model.literal_truth(setting.value).value_or(false)) {
            continue;
        }
        if (!checked) {
            if (!framework::is_production_django_settings(model, context.path())) {
                return;
            }
            checked = true;
        }
        context.report(setting.value,
                       {.message = "DEBUG_PROPAGATE_EXCEPTIONS is on: Django lets exceptions "
                                   "reach the server instead of answering with its error page, "
                                   "and the server may show the traceback.",
                        .fixes = {Fix{.title = "Set DEBUG_PROPAGATE_EXCEPTIONS = False",
                                      .applicability = Applicability::Unsafe,
                                      .edits = {replace_node(setting.value, "False")}}}});
    }
}

} // namespace

extern const Rule django_debug_propagate_exceptions{
    {
        .code = "VG131",
        .name = "django-debug-propagate-exceptions",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 209,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags a module-level `DEBUG_PROPAGATE_EXCEPTIONS = True` (or a non-zero "
                    "number) in a production Django settings module." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "With the setting on, Django re-raises exceptions instead of turning "
                       "them into its 500 page, so what the client sees is up to the WSGI or "
                       "ASGI server, and some show the traceback. Django's documentation "
                       "describes it as a testing aid.",
                .example = "```python\nDEBUG_PROPAGATE_EXCEPTIONS = True\n```",
                .use_instead = "Leave it at its default, `False`. The quick fix (offered, never "
                               "applied automatically) writes `False`.",
                .references = "- https://docs.djangoproject.com/en/stable/ref/settings/"
                              "#debug-propagate-exceptions\n"
                              "- https://cwe.mitre.org/data/definitions/209.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

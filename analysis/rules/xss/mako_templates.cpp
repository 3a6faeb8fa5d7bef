// B702: Mako templates, which do not escape interpolated values unless told to.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"Template"};

// mako.template.Template and its re-exports (`mako.lookup.Template`): "mako" a component and the
// function named Template, as in Bandit.
bool is_mako_template(std::string_view name) {
    constexpr std::string_view suffix = ".Template";
    return name.starts_with("mako.") && name.size() > suffix.size() &&
           name.substr(name.size() - suffix.size()) == suffix;
}

// default_filters=["h"] (or "x") escapes every expression for HTML (XML) unless an expression
// opts out with `| n`: such a template is as safe as an autoescaping one.
bool escapes_by_default(const SemanticModel& model, TSNode filters) {
    if (ts_node_is_null(filters)) {
        return false;
    }
    const std::string_view type = syntax::node_type(filters);
    if (type != "list" && type != "tuple") {
        return false;
    }
    const uint32_t count = syntax::named_child_count(filters);
    for (uint32_t i = 0; i < count; ++i) {
        const auto value = model.string_value(syntax::named_child(filters, i));
        if (value && (*value == "h" || *value == "x")) {
            return true;
        }
    }
    return false;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (!is_mako_template(name)) {
        return;
    }
    const TSNode filters = view.keyword("default_filters");
    if (escapes_by_default(model, filters)) {
        return;
    }
    std::vector<Fix> fixes;
    // Escaping every expression changes what templates render where markup comes from variables
    // on purpose (those need `| n`): offered, never applied automatically. Not offered when
    // default_filters is already set (the author chose the filters) or may be in **kwargs.
    if (ts_node_is_null(filters) && !view.has_star_kwargs) {
        if (auto edit = add_argument(view, model.text(), "default_filters=[\"h\"]")) {
            fixes.push_back(
                Fix{.title = "Escape every expression for HTML (default_filters=[\"h\"])",
                    .applicability = Applicability::Unsafe,
                    .edits = {std::move(*edit)}});
        }
    }
    context.report(view.callee,
                   {.message = "Mako templates allow HTML/JS rendering by default and are "
                               "inherently open to XSS attacks (" +
                               name +
                               "). Ensure variables in all templates are properly sanitized via "
                               "the 'n', 'h' or 'x' flags (depending on context). For example, to "
                               "HTML escape the variable 'data' do ${ data |h }.",
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule use_of_mako_templates{
    {
        .code = "B702",
        .name = "mako-templates",
        .bandit_name = "use_of_mako_templates",
        .ruff_code = "S702",
        .cwe = 80,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `mako.template.Template(...)` unless `default_filters` escapes "
                        "every expression (`default_filters=[\"h\"]` or `[\"x\"]`).",
                .why = "Mako renders `${value}` as it is: a value from a user puts their HTML and "
                       "script into the page (cross-site scripting) unless each expression is "
                       "escaped.",
                .example = "```python\nfrom mako.template import Template\n\n"
                           "page = Template(\"<p>${comment}</p>\").render(comment=comment)\n```",
                .use_instead =
                    "Escape every expression by default, and opt out with `| n` where markup is "
                    "meant:\n\n```python\nfrom mako.template import Template\n\n"
                    "page = Template(\"<p>${comment}</p>\", default_filters=[\"h\"])"
                    ".render(comment=comment)\n```\n\nOr escape each expression: "
                    "`${comment | h}`. A quick fix adds `default_filters=[\"h\"]`; it is not "
                    "applied automatically, because markup that comes from variables on purpose "
                    "is escaped too until marked `| n`.",
                .references = "- https://docs.makotemplates.org/en/latest/filtering.html\n"
                              "- https://cwe.mitre.org/data/definitions/80.html",
                .vs_bandit = "Bandit flags every `Template(...)`; Vigil leaves alone templates "
                             "built with `default_filters` that contain `\"h\"` or `\"x\"`, "
                             "which escape every expression.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

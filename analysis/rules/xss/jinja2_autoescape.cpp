// B701: a jinja2 Environment that does not escape what templates interpolate.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"Environment"};

// `autoescape` is Environment's 17th parameter; nobody passes it by position, but it can be.
constexpr std::size_t autoescape_position = 16;

// jinja2.Environment, jinja2.environment.Environment, jinja2.sandbox.Environment (re-exports of
// the one class), but not SandboxedEnvironment, as in Bandit.
bool is_environment(std::string_view name) {
    return name.starts_with("jinja2.") &&
           (name == "jinja2.Environment" || name.ends_with(".Environment"));
}

// A literal truth value, also through a name assigned once to a literal.
std::optional<bool> truth_of(const SemanticModel& model, TSNode value) {
    if (const auto truth = model.literal_truth(value)) {
        return truth;
    }
    if (const TSNode single = model.single_value(value); !ts_node_is_null(single)) {
        return model.literal_truth(single);
    }
    return std::nullopt;
}

bool is_select_autoescape(const SemanticModel& model, TSNode value) {
    if (syntax::node_type(value) != "call") {
        return false;
    }
    const std::string& name = model.qualified_name(model.call(value).callee);
    return name == "select_autoescape" || name.ends_with(".select_autoescape");
}

// How this file can name jinja2's select_autoescape, and the import that may need: the module
// object the callee was reached through (`j.Environment` -> `j.select_autoescape`), a name
// imported from jinja2, or `jinja2.select_autoescape` with `import jinja2` added.
std::pair<std::string, std::optional<TextEdit>> select_autoescape_name(const RuleContext& context,
                                                                       const CallView& view) {
    const SemanticModel& model = context.model();
    if (const TSNode object = view.receiver; !ts_node_is_null(object)) {
        if (model.qualified_name(object) == "jinja2") {
            return {std::string(model.text(object)) + ".select_autoescape", std::nullopt};
        }
    }
    const auto& module_bindings = model.scopes().front().bindings;
    const auto found = module_bindings.find("select_autoescape");
    if (found != module_bindings.end() && found->second.kind == Binding::Kind::Import &&
        found->second.qualified == "jinja2.select_autoescape") {
        return {"select_autoescape", std::nullopt};
    }
    return {"jinja2.select_autoescape", add_import(model, model.root(), "jinja2")};
}

// Turning escaping on changes what templates render: markup that comes from variables on purpose
// is escaped too until it is marked safe (`|safe`, `Markup`). So both fixes are only offered.
// select_autoescape() comes first: it escapes HTML and XML templates (and templates from strings)
// and leaves text templates such as e-mail bodies alone, which is what Jinja's documentation
// recommends; autoescape=True escapes everything.
std::vector<Fix> fixes_for(const RuleContext& context, const CallView& view, TSNode positional) {
    const std::string_view text = context.model().text();
    auto set_value = [&](std::string_view value) -> std::optional<TextEdit> {
        if (!ts_node_is_null(positional)) {
            return replace_node(positional, std::string(value));
        }
        return set_keyword_argument(view, text, "autoescape", value);
    };
    std::vector<Fix> fixes;
    auto [select, import] = select_autoescape_name(context, view);
    if (auto edit = set_value(select + "()")) {
        Fix fix{.title = "Autoescape HTML and XML templates (autoescape=select_autoescape())",
                .applicability = Applicability::Unsafe,
                .edits = {std::move(*edit)}};
        if (import) {
            fix.edits.push_back(std::move(*import));
        }
        fixes.push_back(std::move(fix));
    }
    if (auto edit = set_value("True")) {
        fixes.push_back(Fix{.title = "Autoescape every template (autoescape=True)",
                            .applicability = Applicability::Unsafe,
                            .edits = {std::move(*edit)}});
    }
    return fixes;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (!is_environment(name)) {
        return;
    }
    const TSNode keyword = view.keyword("autoescape");
    const TSNode positional =
        ts_node_is_null(keyword) ? view.argument(autoescape_position) : TSNode{};
    const TSNode value = ts_node_is_null(keyword) ? positional : keyword;
    if (ts_node_is_null(value)) {
        if (view.has_star_kwargs) {
            // The setting may be in the mapping; adding autoescape= could pass it twice.
            context.report(view.callee,
                           {.message = name + " may get autoescape from **kwargs, which cannot be "
                                              "seen here. Ensure autoescape=True or use the "
                                              "select_autoescape function to mitigate XSS "
                                              "vulnerabilities.",
                            .confidence = Level::Medium});
            return;
        }
        context.report(view.callee,
                       {.message = "By default, jinja2 sets autoescape to False (" + name +
                                   " without autoescape). Consider using autoescape=True or use "
                                   "the select_autoescape function to mitigate XSS "
                                   "vulnerabilities.",
                        .fixes = fixes_for(context, view, positional)});
        return;
    }
    if (is_select_autoescape(model, value)) {
        return;
    }
    const TSNode shown =
        ts_node_is_null(keyword) ? positional : keyword_argument_node(view, "autoescape");
    const auto truth = truth_of(model, value);
    if (truth == true) {
        return;
    }
    if (truth == false) {
        context.report(shown, {.message = "Using jinja2 templates with autoescape=False is "
                                          "dangerous and can lead to XSS. Use autoescape=True or "
                                          "use the select_autoescape function to mitigate XSS "
                                          "vulnerabilities.",
                               .fixes = fixes_for(context, view, positional)});
        return;
    }
    // A variable or a function of the author's: it may well escape; say so with less confidence
    // and leave the decision alone.
    const std::string what = syntax::node_type(value) == "identifier"
                                 ? "`" + std::string(model.text(value)) + "`"
                                 : std::string("a value that cannot be checked here");
    context.report(shown, {.message = "Using jinja2 templates with autoescape set to " + what +
                                      ", which may be false, can lead to XSS. Ensure "
                                      "autoescape=True or use the select_autoescape function to "
                                      "mitigate XSS vulnerabilities.",
                           .confidence = Level::Medium});
}

} // namespace

extern const Rule jinja2_autoescape_false{
    {
        .code = "B701",
        .name = "jinja2-autoescape-false",
        .bandit_name = "jinja2_autoescape_false",
        .ruff_code = "S701",
        .cwe = 94,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `jinja2.Environment(...)` without `autoescape`, with a false "
                        "`autoescape`, or with one whose value cannot be seen (MEDIUM "
                        "confidence). `autoescape=True` and `autoescape=select_autoescape(...)` "
                        "are fine.",
                .why = "Jinja does not escape interpolated values unless told to: a template "
                       "that renders `{{ comment }}` into HTML lets whoever wrote the comment "
                       "inject script (cross-site scripting).",
                .example = "```python\nfrom jinja2 import Environment, FileSystemLoader\n\n"
                           "env = Environment(loader=FileSystemLoader(\"templates\"))\n```",
                .use_instead =
                    "```python\nfrom jinja2 import Environment, FileSystemLoader, "
                    "select_autoescape\n\nenv = Environment(loader=FileSystemLoader(\"templates\"),"
                    "\n                  autoescape=select_autoescape())\n```\n\n"
                    "Quick fixes offer `autoescape=select_autoescape()` (escapes `.html`, `.htm` "
                    "and `.xml` templates and templates from strings) and `autoescape=True` "
                    "(escapes everything). Neither is applied automatically: markup that comes "
                    "from variables on purpose is escaped too until it is marked safe (`|safe`, "
                    "`Markup`), which changes what templates render. No fix is offered when the "
                    "value is a variable or a function (the author chose it) or when "
                    "`**kwargs` may already hold it.",
                .references = "- https://jinja.palletsprojects.com/en/stable/api/#autoescaping\n"
                              "- https://cwe.mitre.org/data/definitions/94.html\n"
                              "- https://cwe.mitre.org/data/definitions/79.html",
                .vs_bandit =
                    "Only the call's own keywords count (Bandit walks keywords of nested calls "
                    "too, so `Environment(loader=L(autoescape=True))` passes there); a name "
                    "assigned once to a literal is judged by its value; `autoescape` passed "
                    "by position is seen; with `**kwargs` and no `autoescape` the finding has "
                    "MEDIUM confidence instead of HIGH. Findings on an explicit value mark the "
                    "`autoescape=` argument rather than the call.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

// B704: markupsafe.Markup (and functions configured to behave like it) on text from outside.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/xss/safe_markup.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
// The node's type, "" for a null node (parts missing from code that does not parse).
std::string_view node_type(TSNode node) {
    return ts_node_is_null(node) ? std::string_view() : syntax::node_type(node);
}

constexpr std::string_view kinds[] = {"call"};

// Escaping functions: what they return holds no markup of the input's, whatever it was.
constexpr std::string_view escapers[] = {"markupsafe.escape", "html.escape",
                                         "django.utils.html.escape"};

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Markup itself, under the names libraries re-exported it (Jinja before 3.1 too).
bool is_markup_class(std::string_view name) {
    return name == "markupsafe.Markup" || name == "flask.Markup" || name == "jinja2.Markup";
}

bool is_markup(const RuleOptions& options, std::string_view name) {
    return is_markup_class(name) || contains(options.extend_markup_names, name);
}

bool is_trusted_call(const RuleContext& context, TSNode argument) {
    if (node_type(argument) != "call") {
        return false;
    }
    const SemanticModel& model = context.model();
    const std::string& name = model.qualified_name(model.call(argument).callee);
    if (name.empty()) {
        return false;
    }
    return contains(context.options().allowed_markup_calls, name) ||
           std::find(std::begin(escapers), std::end(escapers), name) != std::end(escapers);
}

// The Markup call stands where a `%` expression needs no parentheses.
bool takes_low_precedence(TSNode call) {
    const TSNode parent = syntax::parent(call);
    const std::string_view type = node_type(parent);
    return type == "assignment" || type == "augmented_assignment" || type == "return_statement" ||
           type == "expression_statement" || type == "argument_list" ||
           type == "keyword_argument" || type == "parenthesized_expression" || type == "list" ||
           type == "tuple" || type == "set" || type == "pair" || type == "expression_list";
}

// f"<b>{name!r:>10}</b>" -> "<b>{!r:>10}</b>" and its expressions ["name"]; nullopt when the
// f-string has something a format string cannot say the same way (`{x=}`, nested replacement
// fields in a format spec, an expression over several lines or a bare tuple).
std::optional<std::pair<std::string, std::vector<std::string>>>
split_fstring(const SemanticModel& model, TSNode string) {
    const uint32_t count = syntax::child_count(string);
    if (count < 2) {
        return std::nullopt;
    }
    const TSNode start = syntax::child(string, 0);
    const TSNode end = syntax::child(string, count - 1);
    if (node_type(start) != "string_start" || node_type(end) != "string_end") {
        return std::nullopt;
    }
    std::string prefix(model.text(start));
    std::erase_if(prefix, [](char c) { return c == 'f' || c == 'F'; });
    std::string format = prefix;
    std::vector<std::string> values;
    std::size_t cursor = ts_node_end_byte(start);
    const std::string_view text = model.text();
    for (uint32_t i = 1; i + 1 < count; ++i) {
        const TSNode child = syntax::child(string, i);
        if (node_type(child) != "interpolation") {
            continue;
        }
        const TSNode expression = child_by_field(child, "expression");
        const std::string_view expression_type = node_type(expression);
        if (ts_node_is_null(expression) || expression_type == "expression_list" ||
            expression_type == "pattern_list" || expression_type == "yield") {
            return std::nullopt;
        }
        const std::string_view value = model.text(expression);
        if (value.find('\n') != std::string_view::npos) {
            return std::nullopt;
        }
        std::string field = "{";
        const uint32_t parts = syntax::child_count(child);
        for (uint32_t j = 0; j < parts; ++j) {
            const TSNode part = syntax::child(child, j);
            const std::string_view part_type = node_type(part);
            if (part_type == "=") {
                return std::nullopt; // f"{x=}" prints the expression's text too
            }
            if (part_type == "type_conversion") {
                field += model.text(part);
            } else if (part_type == "format_specifier") {
                for (uint32_t k = 0; k < syntax::named_child_count(part); ++k) {
                    if (node_type(syntax::named_child(part, k)) == "format_expression") {
                        return std::nullopt;
                    }
                }
                field += model.text(part);
            }
        }
        field += "}";
        format.append(text.substr(cursor, ts_node_start_byte(child) - cursor));
        format += field;
        values.emplace_back(value);
        cursor = ts_node_end_byte(child);
    }
    if (values.empty()) {
        return std::nullopt;
    }
    format.append(text.substr(cursor, ts_node_end_byte(end) - cursor));
    return std::pair{std::move(format), std::move(values)};
}

// Markup(f"<b>{name}</b>") -> Markup("<b>{}</b>").format(name), Markup("<b>{}</b>".format(name))
// -> Markup("<b>{}</b>").format(name), Markup("<b>%s</b>" % name) -> Markup("<b>%s</b>") % name:
// Markup's own formatting escapes the values and keeps the template's markup. Values that are
// themselves Markup are not escaped, but plain strings holding markup on purpose now are, so the
// fix is only offered.
std::optional<Fix> escape_values_fix(const SemanticModel& model, const CallView& view,
                                     TSNode argument) {
    if (view.positional.size() != 1 || !view.keywords.empty() || view.has_star_args ||
        view.has_star_kwargs) {
        return std::nullopt;
    }
    const std::string callee(model.text(view.callee));
    std::string replacement;
    const std::string_view type = node_type(argument);
    if (type == "string") {
        const auto parts = split_fstring(model, argument);
        if (!parts) {
            return std::nullopt;
        }
        replacement = callee + "(" + parts->first + ").format(";
        for (std::size_t i = 0; i < parts->second.size(); ++i) {
            replacement += (i ? ", " : "") + parts->second[i];
        }
        replacement += ")";
    } else if (type == "call") {
        const TSNode function = child_by_field(argument, "function");
        if (model.method_name(function) != "format") {
            return std::nullopt;
        }
        const TSNode format = child_by_field(function, "object");
        if (node_type(format) != "string" || !model.is_literal(format)) {
            return std::nullopt;
        }
        replacement = callee + "(" + std::string(model.text(format)) + ").format" +
                      std::string(model.text(child_by_field(argument, "arguments")));
    } else if (type == "binary_operator") {
        const TSNode left = child_by_field(argument, "left");
        if (model.text(child_by_field(argument, "operator")) != "%" ||
            node_type(left) != "string" || !model.is_literal(left)) {
            return std::nullopt;
        }
        replacement = callee + "(" + std::string(model.text(left)) + ") % " +
                      std::string(model.text(child_by_field(argument, "right")));
        if (!takes_low_precedence(view.call)) {
            replacement = "(" + replacement + ")";
        }
    } else {
        return std::nullopt;
    }
    return Fix{.title = "Let " + callee + " escape the values (" + callee + "(template)" +
                        (type == "binary_operator" ? " % values)" : ".format(values))"),
               .applicability = Applicability::Unsafe,
               .edits = {replace_node(view.call, std::move(replacement))}};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (name.empty() || !is_markup(context.options(), name)) {
        return;
    }
    const TSNode argument = view.argument(0, "base");
    if (ts_node_is_null(argument) || xss::is_own_text(model, argument) ||
        is_trusted_call(context, argument)) {
        return;
    }
    const std::string function = name.substr(name.rfind('.') + 1);
    std::vector<Fix> fixes;
    // Only Markup itself is known to escape in .format and %; a configured name may not.
    const bool markup = is_markup_class(name);
    if (auto fix = markup ? escape_values_fix(model, view, argument) : std::nullopt) {
        fixes.push_back(std::move(*fix));
    }
    context.report(view.callee,
                   {.message = "Potential XSS with " + name + " detected. Do not use " + function +
                               " on untrusted data.",
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule markupsafe_markup_xss{
    {
        .code = "B704",
        .name = "unsafe-markup-use",
        .bandit_name = "markupsafe_markup_xss",
        .ruff_code = "S704",
        .cwe = 79,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `markupsafe.Markup`, `flask.Markup` and `jinja2.Markup` (and the "
                        "names in the "
                        "`extend-markup-names` option) called on text that is not provably "
                        "written in the file: literals, and names, `.format`, `%`, `+` and "
                        "f-strings built only from literals are fine, as are the results of "
                        "`markupsafe.escape`, `html.escape` and the calls in the "
                        "`allowed-markup-calls` option.",
                .why = "`Markup` declares its text safe HTML: Jinja and Flask insert it without "
                       "escaping, so any user-controlled part of it can inject HTML and script "
                       "(cross-site scripting).",
                .example = "```python\nfrom markupsafe import Markup\n\n"
                           "greeting = Markup(f\"<b>Hello {name}</b>\")\n```",
                .use_instead =
                    "Let `Markup` escape the values: its `.format` and `%` escape each "
                    "argument and keep the template's markup.\n\n```python\nfrom markupsafe "
                    "import Markup\n\ngreeting = Markup(\"<b>Hello {}</b>\").format(name)\n```"
                    "\n\nA quick fix makes this change for f-strings, `.format` and `%` on a "
                    "literal; it is not applied automatically, because a plain string that holds "
                    "markup on purpose is now escaped. Options (`[tool.vigil.options]`): "
                    "`extend-markup-names` (e.g. `[\"webhelpers.html.literal\"]`) and "
                    "`allowed-markup-calls` (e.g. `[\"bleach.clean\"]`); Bandit's "
                    "`markupsafe_xss` section (`extend_markup_names`, `allowed_calls`) is read "
                    "too.",
                .references = "- https://markupsafe.palletsprojects.com/en/stable/escaping/\n"
                              "- https://cwe.mitre.org/data/definitions/79.html",
                .vs_bandit =
                    "Bandit flags every argument that is not a constant; Vigil also leaves alone "
                    "names bound only to literals, formatting built only from literals, and "
                    "`markupsafe.escape`/`html.escape` results (they hold no markup of the "
                    "input's). `jinja2.Markup` (Jinja before 3.1) counts too. Options have "
                    "Bandit's names and meaning.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

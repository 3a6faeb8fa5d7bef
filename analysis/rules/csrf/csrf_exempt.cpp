// VG120: a view exempted from CSRF protection (Django's csrf_exempt, Flask-WTF's csrf.exempt).
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"decorator", "call"};
// The calls this checks, by the last part of their name (see Rule::callee_names); other
// node kinds are not filtered.
constexpr std::string_view callee_names[] = {"csrf_exempt", "exempt", "method_decorator"};

// What an expression exempts with, and how sure that is; nullopt when it is no exemption.
struct Exemption {
    std::string what;
    Level confidence = Level::High;
};

std::optional<Exemption> exemption(const SemanticModel& model, TSNode expression) {
    const std::string_view type = syntax::node_type(expression);
    if (type != "identifier" && type != "attribute") {
        return std::nullopt;
    }
    if (model.qualified_name(expression) == "django.views.decorators.csrf.csrf_exempt") {
        return Exemption{"csrf_exempt", Level::High};
    }
    if (type != "attribute" ||
        model.text(syntax::child_by_field(expression, "attribute")) != "exempt") {
        return std::nullopt;
    }
    // Flask-WTF: `csrf = CSRFProtect(app)`, then `@csrf.exempt`.
    const TSNode receiver = syntax::child_by_field(expression, "object");
    const TSNode made_by = bound_call(model, receiver);
    if (!ts_node_is_null(made_by)) {
        const std::string maker = model.qualified_name(syntax::child_by_field(made_by, "function"));
        if (maker == "flask_wtf.CSRFProtect" || maker == "flask_wtf.csrf.CSRFProtect" ||
            maker == "flask_wtf.CsrfProtect" || maker == "flask_wtf.csrf.CsrfProtect") {
            return Exemption{std::string(model.text(expression)), Level::High};
        }
    }
    if ((model.imports_module("flask_wtf") || model.imports_module("flask_wtf.csrf")) &&
        syntax::node_type(receiver) == "identifier" && model.text(receiver) == "csrf") {
        return Exemption{std::string(model.text(expression)), Level::Medium};
    }
    return std::nullopt;
}

void report(RuleContext& context, TSNode node, const Exemption& found) {
    context.report(node, {.message = found.what + " turns off CSRF protection for this view: "
                                                  "other sites can make a logged-in user's "
                                                  "browser submit to it.",
                          .confidence = found.confidence});
}

void check(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    if (syntax::node_type(node) == "decorator") {
        // `@csrf_exempt`, `@csrf.exempt`; a call (`@method_decorator(csrf_exempt, ...)`) is
        // seen as a call.
        const TSNode expression = syntax::named_child(node, 0);
        if (const auto found = exemption(model, expression)) {
            report(context, expression, *found);
        }
        return;
    }
    const CallView& view = model.call(node);
    // `csrf_exempt(view)` in a URL conf, `csrf.exempt(blueprint)`.
    if (const auto found = exemption(model, view.callee)) {
        report(context, view.callee, *found);
        return;
    }
    // `method_decorator(csrf_exempt, name="dispatch")`.
    for (const TSNode argument : view.positional) {
        if (const auto found = exemption(model, argument)) {
            report(context, argument, *found);
        }
    }
}

} // namespace

extern const Rule csrf_exempt{
    {
        .code = "VG120",
        .name = "csrf-exempt",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 352,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags views exempted from CSRF protection: Django's `@csrf_exempt` "
                        "(`django.views.decorators.csrf`, through any alias), also called "
                        "(`csrf_exempt(view)` in a URL conf) or passed "
                        "(`@method_decorator(csrf_exempt, name=\"dispatch\")`); and Flask-WTF's "
                        "`@csrf.exempt` / `csrf.exempt(blueprint)` where `csrf` is made by "
                        "`CSRFProtect(...)` (HIGH confidence) or is a name `csrf` in a file that "
                        "imports `flask_wtf` (MEDIUM).",
                .why = "A view without CSRF protection accepts state-changing requests that "
                       "another site makes the user's browser send, with the user's cookies. "
                       "Exemptions are sometimes right (a webhook authenticated by a signature, "
                       "an API authenticated by a header token), which is why each one deserves "
                       "a look and a comment.",
                .example = "```python\nfrom django.views.decorators.csrf import csrf_exempt\n\n"
                           "@csrf_exempt\ndef transfer(request):\n    ...\n```",
                .use_instead = "Keep CSRF protection and send the token with the request (a form "
                               "field, or the `X-CSRFToken` header for JavaScript). For a "
                               "webhook, verify the sender's signature and suppress the finding "
                               "with a comment that says so. No quick fix: removing the "
                               "exemption breaks clients that cannot send a token.",
                .references = "- https://docs.djangoproject.com/en/stable/howto/csrf/\n"
                              "- https://flask-wtf.readthedocs.io/en/latest/csrf/"
                              "#exclude-views-from-protection\n"
                              "- https://owasp.org/www-community/attacks/csrf\n"
                              "- https://cwe.mitre.org/data/definitions/352.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

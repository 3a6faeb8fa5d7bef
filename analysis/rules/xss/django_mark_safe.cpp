// B703: Django's mark_safe (and the SafeString family) on text that may come from outside.
#include "analysis/rule_context.hpp"
#include "analysis/rules/xss/safe_markup.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// Bandit's names (mark_safe, SafeText, SafeUnicode, SafeString, SafeBytes), resolved to where
// Django defines them; django.utils.html re-exports mark_safe and SafeString.
constexpr std::array<std::string_view, 7> functions = {
    "django.utils.safestring.mark_safe",   "django.utils.safestring.SafeText",
    "django.utils.safestring.SafeUnicode", "django.utils.safestring.SafeString",
    "django.utils.safestring.SafeBytes",   "django.utils.html.mark_safe",
    "django.utils.html.SafeString",
};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (std::find(functions.begin(), functions.end(), name) == functions.end()) {
        return;
    }
    const TSNode argument = view.argument(0, "s");
    if (ts_node_is_null(argument)) {
        return; // nothing is marked (Bandit crashes here)
    }
    if (xss::is_own_text(model, argument)) {
        return;
    }
    const std::string function = name.substr(name.rfind('.') + 1);
    std::string message = "Potential XSS on mark_safe function: " + function + "() is given ";
    message += syntax::node_type(argument) == "identifier"
                   ? "`" + std::string(model.text(argument)) + "`, which may hold outside text."
                   : std::string("text that may come from outside.");
    context.report(view.callee, {.message = std::move(message)});
}

} // namespace

extern const Rule django_mark_safe{
    {
        .code = "B703",
        .name = "django-mark-safe",
        .bandit_name = "django_mark_safe",
        .ruff_code = "", // ruff folds it into S308 (B308 here)
        .cwe = 80,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileBandit,
        .doc =
            {
                .what = "Flags Django's `mark_safe`, `SafeString`, `SafeText`, `SafeUnicode` and "
                        "`SafeBytes` unless the text they mark is provably written in the file: a "
                        "literal, a name assigned only such values before the call (not a "
                        "parameter), or `.format`, `%`, `+` and f-strings built only from those.",
                .why = "Marked text is inserted into pages without escaping: if any part of it "
                       "comes from a user, they can inject HTML and script (cross-site "
                       "scripting).",
                .example = "```python\nfrom django.utils.safestring import mark_safe\n\n"
                           "def badge(user):\n    return mark_safe(\"<b>%s</b>\" % user.name)\n```",
                .use_instead = "Let Django escape the values and mark only the "
                               "template:\n\n```python\nfrom django.utils.html import "
                               "format_html\n\ndef badge(user):\n    return format_html(\"<b>{}"
                               "</b>\", user.name)\n```\n\nNo quick fix: which parts of the text "
                               "are meant as markup is the author's knowledge.",
                .references = "- https://docs.djangoproject.com/en/stable/ref/utils/"
                              "#django.utils.safestring.mark_safe\n"
                              "- https://docs.djangoproject.com/en/stable/ref/utils/"
                              "#django.utils.html.format_html\n"
                              "- https://cwe.mitre.org/data/definitions/80.html",
                .vs_bandit =
                    "In the `bandit` profile only: B308 already reports `mark_safe` in the "
                    "default profile, and Bandit reports both on the same call. Names are "
                    "resolved through imports (Bandit matches any function called `mark_safe` "
                    "once `django.utils.safestring` is imported anywhere). More is proven safe: "
                    "f-strings, `+`, conditional expressions and `.format` keywords built from "
                    "literals, and module constants used in functions; a call without arguments "
                    "is not reported (Bandit crashes on it).",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// VG110: a cookie set on a response without the Secure, HttpOnly or SameSite attributes.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"set_cookie", "set_signed_cookie",
                                             "set_secure_cookie"};

bool is_false_literal(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    return (type == "false" || type == "none" || type == "integer") &&
           !model.literal_truth(value).value_or(true);
}

bool is_zero(const SemanticModel& model, TSNode value) {
    return !ts_node_is_null(value) && syntax::node_type(value) == "integer" &&
           !model.literal_truth(value).value_or(true);
}

// Starlette (and so FastAPI) defaults `samesite` to "lax".
bool samesite_defaults_to_lax(const SemanticModel& model) {
    for (std::string_view module :
         {"fastapi", "fastapi.responses", "starlette", "starlette.responses"}) {
        if (model.imports_module(module)) {
            return true;
        }
    }
    return false;
}

// A cookie name that suggests it carries a session or credentials.
bool is_sensitive_name(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view word :
         {"session", "sess", "sid", "token", "auth", "jwt", "login", "remember", "csrf", "xsrf",
          "access", "refresh", "user", "credential", "secret", "key"}) {
        if (name.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method.empty()) {
        return;
    }
    const std::string_view method = view.method;
    if (method != "set_cookie" && method != "set_signed_cookie" && method != "set_secure_cookie") {
        return;
    }
    // A name and a value: `CookieJar.set_cookie(cookie)` takes one Cookie object. With **kwargs
    // any flag may be given.
    if (view.has_star_kwargs || view.has_star_args ||
        view.positional.size() + view.keywords.size() < 2) {
        return;
    }
    // A cookie that expires at once is being deleted.
    if (is_zero(model, view.keyword("max_age")) || is_zero(model, view.keyword("expires"))) {
        return;
    }
    // Django, Werkzeug and Starlette take (key, value, max_age, expires, path, domain, secure,
    // httponly, samesite); Tornado and aiohttp take the flags by keyword only.
    const TSNode secure = view.argument(6, "secure");
    const TSNode httponly = view.argument(7, "httponly");
    const TSNode samesite = view.argument(8, "samesite");

    std::vector<std::string> problems;
    std::vector<std::string> additions;
    std::vector<TextEdit> edits;
    bool severe = false;
    if (ts_node_is_null(secure)) {
        problems.push_back("secure=True");
        additions.push_back("secure=True");
        severe = true;
    } else if (is_false_literal(model, secure)) {
        problems.push_back("secure (it is " + std::string(model.text(secure)) + ")");
        edits.push_back(replace_node(secure, "True"));
        severe = true;
    }
    // An explicit httponly=False is a cookie meant for scripts (a double-submit CSRF token, a UI
    // preference): a decision, not an omission.
    if (ts_node_is_null(httponly)) {
        problems.push_back("httponly=True");
        additions.push_back("httponly=True");
        severe = true;
    }
    if (ts_node_is_null(samesite)) {
        if (!samesite_defaults_to_lax(model)) {
            problems.push_back("samesite");
            additions.push_back("samesite=\"Lax\"");
        }
    } else if (syntax::node_type(samesite) == "none") {
        problems.push_back("samesite (it is None)");
        edits.push_back(replace_node(samesite, "\"Lax\""));
    }
    if (problems.empty()) {
        return;
    }
    // Only the name tells a session cookie from a UI preference: a literal name that says
    // neither session nor credentials makes the finding LOW (an unknown name keeps MEDIUM).
    TSNode name_node = view.argument(0, "key");
    if (ts_node_is_null(name_node)) {
        name_node = view.keyword("name");
    }
    if (const auto name = model.string_value(name_node); name && !is_sensitive_name(*name)) {
        severe = false;
    }
    std::string list;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == problems.size() ? " and " : ", ") + problems[i];
    }
    std::vector<Fix> fixes;
    bool fixable = true;
    if (!additions.empty()) {
        std::string argument;
        for (const std::string& addition : additions) {
            argument += (argument.empty() ? "" : ", ") + addition;
        }
        if (auto edit = add_argument(view, model.text(), argument)) {
            edits.push_back(std::move(*edit));
        } else {
            fixable = false;
        }
    }
    if (fixable) {
        fixes.push_back(Fix{.title = "Set the cookie's secure, httponly and samesite flags",
                            .applicability = Applicability::Unsafe,
                            .edits = std::move(edits)});
    }
    context.report(view.callee,
                   {.message = "Cookie set by " + std::string(method) + "() without " + list + ".",
                    .severity = severe ? Level::Medium : Level::Low,
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule cookie_without_secure_flags{
    {
        .code = "VG110",
        .name = "cookie-without-secure-flags",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 614,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `<response>.set_cookie(name, value, ...)` (also Django's "
                        "`set_signed_cookie` and Tornado's `set_secure_cookie`) that does not "
                        "pass `secure=` or `httponly=`, passes `secure=False`, or leaves "
                        "`samesite` unset or `None`; one finding per call, naming what is "
                        "missing. The argument names are those of Django's `HttpResponse`, "
                        "Flask/Werkzeug's `Response`, Starlette/FastAPI's `Response`, aiohttp "
                        "and Tornado; positional flags (the 7th to 9th arguments) count. Not "
                        "flagged: calls with `**kwargs` (any flag may be in them), "
                        "`CookieJar.set_cookie(cookie)` (one argument), cookies deleted with "
                        "`max_age=0`/`expires=0`, `delete_cookie`, flags given as expressions "
                        "(`secure=settings.SECURE`), an explicit `httponly=False` (a cookie "
                        "meant for scripts, such as a double-submit CSRF token), and a missing "
                        "`samesite` in files using Starlette or FastAPI, whose default is "
                        "`\"lax\"`. Severity is MEDIUM when `secure` or `httponly` is missing, LOW "
                        "when only "
                        "`samesite` is, or when the cookie's name is a literal that suggests "
                        "neither a session nor credentials (`\"theme\"`, `\"per_page\"`; "
                        "names with `session`, `sid`, `token`, `auth`, `jwt`, `login`, "
                        "`remember`, `csrf`, `access`, `refresh`, `user`, `key`... stay MEDIUM).",
                .why = "Without `Secure` the browser also sends the cookie over plain HTTP, "
                       "where anyone on the network can read it; without `HttpOnly` any script "
                       "on the page (an XSS payload) can read it; without `SameSite` older "
                       "browsers attach it to requests other sites make (CSRF).",
                .example = "```python\nresponse.set_cookie(\"session\", token)\n```",
                .use_instead = "```python\nresponse.set_cookie(\"session\", token, secure=True, "
                               "httponly=True, samesite=\"Lax\")\n```\n\nThe quick fix (offered, "
                               "never applied automatically: a Secure cookie is no longer sent "
                               "over plain HTTP, as in local development) adds the missing "
                               "arguments.",
                .references =
                    "- https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies"
                    "#restrict_access_to_cookies\n"
                    "- https://docs.djangoproject.com/en/stable/ref/request-response/"
                    "#django.http.HttpResponse.set_cookie\n"
                    "- https://flask.palletsprojects.com/en/latest/security/#set-cookie-options\n"
                    "- https://cwe.mitre.org/data/definitions/614.html\n"
                    "- https://cwe.mitre.org/data/definitions/1004.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

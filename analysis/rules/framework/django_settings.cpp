// VG101-VG105: production Django settings that turn protections off (debug pages, host checks,
// a signing key in the source, cookie flags, the HTTPS redirect). All read the top-level
// assignments of a settings module that is not named for development or tests.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using framework::TopLevelAssignment;

constexpr std::string_view kinds[] = {"module"};

// The top-level assignments named `name` (or one of `names`) of a production settings module.
template <typename Match>
std::vector<TopLevelAssignment> production_settings(RuleContext& context, Match match) {
    std::vector<TopLevelAssignment> found;
    for (const TopLevelAssignment& assignment : framework::top_level_assignments(context)) {
        if (match(assignment.name)) {
            found.push_back(assignment);
        }
    }
    if (!found.empty() &&
        !framework::is_production_django_settings(context.model(), context.path())) {
        found.clear();
    }
    return found;
}

bool is_true_literal(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    return (type == "true" || type == "integer") && model.literal_truth(value).value_or(false);
}

bool is_false_literal(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    return (type == "false" || type == "none" || type == "integer") &&
           !model.literal_truth(value).value_or(true);
}

Fix replace_fix(std::string title, TSNode value, std::string replacement) {
    return Fix{.title = std::move(title),
               .applicability = Applicability::Unsafe,
               .edits = {replace_node(value, std::move(replacement))}};
}

void check_debug(TSNode, RuleContext& context) {
    const auto settings =
        production_settings(context, [](std::string_view name) { return name == "DEBUG"; });
    for (const TopLevelAssignment& setting : settings) {
        if (!is_true_literal(context.model(), setting.value)) {
            continue;
        }
        context.report(setting.value,
                       {.message = "DEBUG is turned on in a production settings module: error "
                                   "pages show tracebacks, local variables and settings to "
                                   "anyone.",
                        .fixes = {replace_fix("Set DEBUG = False", setting.value, "False")}});
    }
}

void check_allowed_hosts(TSNode, RuleContext& context) {
    const SemanticModel& model = context.model();
    const auto settings =
        production_settings(context, [](std::string_view name) { return name == "ALLOWED_HOSTS"; });
    for (const TopLevelAssignment& setting : settings) {
        const std::string_view type = syntax::node_type(setting.value);
        TSNode wildcard{};
        if (type == "list" || type == "tuple" || type == "set") {
            for (uint32_t i = 0; i < syntax::named_child_count(setting.value); ++i) {
                const TSNode element = syntax::named_child(setting.value, i);
                if (model.string_value(element) == "*") {
                    wildcard = element;
                    break;
                }
            }
        } else if (model.string_value(setting.value) == "*") {
            wildcard = setting.value; // a string is iterated: "*" is ["*"]
        }
        if (ts_node_is_null(wildcard)) {
            continue;
        }
        context.report(wildcard, {.message = "ALLOWED_HOSTS accepts any Host header (\"*\"), so "
                                             "Django no longer rejects requests for hosts it "
                                             "does not serve."});
    }
}

void check_secret_key(TSNode, RuleContext& context) {
    const SemanticModel& model = context.model();
    const auto settings =
        production_settings(context, [](std::string_view name) { return name == "SECRET_KEY"; });
    for (const TopLevelAssignment& setting : settings) {
        if (!framework::is_literal_secret(model, setting.value)) {
            continue;
        }
        std::vector<Fix> fixes;
        Fix fix{.title = "Read SECRET_KEY from the environment (DJANGO_SECRET_KEY)",
                .applicability = Applicability::Unsafe,
                .edits = {replace_node(setting.value, "os.environ[\"DJANGO_SECRET_KEY\"]")}};
        if (auto import = add_import(model, model.root(), "os")) {
            fix.edits.insert(fix.edits.begin(), std::move(*import));
        }
        fixes.push_back(std::move(fix));
        context.report(setting.value,
                       {.message = "SECRET_KEY is a literal in the settings module: anyone who "
                                   "can read the source can sign sessions, password reset "
                                   "tokens and signed cookies.",
                        .fixes = std::move(fixes)});
    }
}

void check_cookie_settings(TSNode, RuleContext& context) {
    const auto settings = production_settings(context, [](std::string_view name) {
        return name == "SESSION_COOKIE_SECURE" || name == "CSRF_COOKIE_SECURE" ||
               name == "SESSION_COOKIE_HTTPONLY";
    });
    for (const TopLevelAssignment& setting : settings) {
        if (!is_false_literal(context.model(), setting.value)) {
            continue;
        }
        const std::string name(setting.name);
        const bool httponly = setting.name == "SESSION_COOKIE_HTTPONLY";
        context.report(setting.value,
                       {.message = name + " is turned off: the cookie " +
                                   (httponly ? "can be read by page scripts (and so by XSS)."
                                             : "is also sent over plain HTTP."),
                        .fixes = {replace_fix("Set " + name + " = True", setting.value, "True")}});
    }
}

void check_ssl_redirect(TSNode, RuleContext& context) {
    const auto settings = production_settings(
        context, [](std::string_view name) { return name == "SECURE_SSL_REDIRECT"; });
    for (const TopLevelAssignment& setting : settings) {
        if (!is_false_literal(context.model(), setting.value)) {
            continue;
        }
        context.report(
            setting.value,
            {.message = "SECURE_SSL_REDIRECT is turned off in a production settings "
                        "module: requests over plain HTTP are served as they are.",
             .fixes = {replace_fix("Set SECURE_SSL_REDIRECT = True", setting.value, "True")}});
    }
}

} // namespace

extern const Rule django_debug_enabled{
    {
        .code = "VG101",
        .name = "django-debug-enabled",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 489,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a module-level `DEBUG = True` (or a non-zero number) in a "
                        "production Django settings module." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "With `DEBUG` on, every error page shows the traceback, local variables, "
                       "the SQL run and most settings; Django also keeps every query in memory. "
                       "Django's deployment checklist says it must never be on in production.",
                .example = "```python\n# mysite/settings.py\nDEBUG = True\nALLOWED_HOSTS = "
                           "[\"www.example.com\"]\n```",
                .use_instead = "Keep production settings off and turn debugging on only in a "
                               "development settings file or from the environment:\n\n"
                               "```python\nDEBUG = os.environ.get(\"DJANGO_DEBUG\") == \"1\"\n```"
                               "\n\nThe quick fix (offered, never applied automatically) writes "
                               "`DEBUG = False`.",
                .references =
                    "- https://docs.djangoproject.com/en/stable/ref/settings/#debug\n"
                    "- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/\n"
                    "- https://cwe.mitre.org/data/definitions/489.html",
                .vs_bandit = "Bandit has no check of Django settings (its B201 covers Flask's "
                             "`app.run(debug=True)` only); ruff has none either.",
            },
    },
    kinds,
    check_debug,
};

extern const Rule django_allowed_hosts_wildcard{
    {
        .code = "VG102",
        .name = "django-allowed-hosts-wildcard",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 346,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `\"*\"` in a module-level `ALLOWED_HOSTS` list, tuple or set (or "
                        "`ALLOWED_HOSTS = \"*\"`) in a production Django settings "
                        "module." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "`ALLOWED_HOSTS` is Django's defence against forged `Host` headers, "
                       "which poison caches and the absolute links Django builds (password "
                       "reset e-mails that point to an attacker's site). `\"*\"` turns it off.",
                .example = "```python\nALLOWED_HOSTS = [\"*\"]\n```",
                .use_instead = "List the host names the site serves (a leading dot matches "
                               "subdomains):\n\n```python\nALLOWED_HOSTS = [\"www.example.com\", "
                               "\".example.com\"]\n```\n\nNo quick fix: only the project knows "
                               "its host names.",
                .references =
                    "- https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts\n"
                    "- https://docs.djangoproject.com/en/stable/topics/security/"
                    "#host-header-validation\n"
                    "- https://cwe.mitre.org/data/definitions/346.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_allowed_hosts,
};

extern const Rule django_literal_secret_key{
    {
        .code = "VG103",
        .name = "django-literal-secret-key",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 321,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a module-level `SECRET_KEY` bound to a non-empty string or bytes "
                        "literal (directly or through a name bound once to one) in a production "
                        "Django settings module. Placeholders such as `\"changeme\"` and "
                        "generated `\"django-insecure-...\"` keys are literal keys too and are "
                        "flagged; an empty string is not (Django refuses to start with it). "
                        "Values read at run time (`os.environ[...]`, `os.getenv(...)`, a file) "
                        "are not flagged. The message never shows the "
                        "key." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "`SECRET_KEY` signs sessions, password reset tokens, messages and "
                       "signed cookies. Anyone who can read the repository can forge them, and "
                       "a key that has been committed stays in its history: it must be rotated, "
                       "not only moved.",
                .example = "```python\nSECRET_KEY = \"django-insecure-...\"\n```",
                .use_instead = "Read it from the environment or a secrets file:\n\n```python\n"
                               "SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]\n```\n\nThe "
                               "quick fix (offered, never applied automatically: the variable "
                               "must then be set) writes that, adding `import os` when needed.",
                .references =
                    "- https://docs.djangoproject.com/en/stable/ref/settings/#secret-key\n"
                    "- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/"
                    "#secret-key\n"
                    "- https://cwe.mitre.org/data/definitions/321.html",
                .vs_bandit =
                    "Bandit's B105 (ruff's S105) also reports `SECRET_KEY = \"...\"`, since "
                    "the name contains `secret`, but as a hard-coded password at LOW "
                    "severity, in any file (test and development settings included), "
                    "and never for a bytes key. This rule knows the setting: HIGH "
                    "severity, production settings modules only, bytes keys too, and a "
                    "fix that reads the environment. Both may report the same line.",
            },
        .reveals_secret = true,
    },
    kinds,
    check_secret_key,
};

extern const Rule django_insecure_cookie_setting{
    {
        .code = "VG104",
        .name = "django-insecure-cookie-setting",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 614,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` or "
                        "`SESSION_COOKIE_HTTPONLY` set to `False` (or `None`, `0`) at module "
                        "level in a production Django settings module. `CSRF_COOKIE_HTTPONLY` "
                        "is left out on purpose: Django's documentation explains that marking "
                        "the CSRF cookie HttpOnly brings no practical benefit, since the token "
                        "is also in the page." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "Without `Secure` the browser also sends the session or CSRF cookie "
                       "over plain HTTP, where anyone on the network can read it; without "
                       "`HttpOnly` any script on the page (an XSS payload) can steal the "
                       "session.",
                .example = "```python\nSESSION_COOKIE_SECURE = False\n```",
                .use_instead = "```python\nSESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = "
                               "True\n```\n\nThe quick fix (offered, never applied "
                               "automatically: cookies then stop working over plain HTTP) writes "
                               "`True`.",
                .references = "- https://docs.djangoproject.com/en/stable/ref/settings/"
                              "#session-cookie-secure\n"
                              "- https://docs.djangoproject.com/en/stable/ref/settings/"
                              "#csrf-cookie-httponly\n"
                              "- https://cwe.mitre.org/data/definitions/614.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_cookie_settings,
};

extern const Rule django_ssl_redirect_disabled{
    {
        .code = "VG105",
        .name = "django-ssl-redirect-disabled",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 319,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a module-level `SECURE_SSL_REDIRECT = False` in a production "
                        "Django settings module." VIGIL_DJANGO_SETTINGS_MODULE,
                .why = "Django then answers plain HTTP requests instead of redirecting them to "
                       "HTTPS, so pages and cookies may travel in clear text. (A proxy in front "
                       "may redirect instead; the finding is LOW for that reason.)",
                .example = "```python\nSECURE_SSL_REDIRECT = False\n```",
                .use_instead = "```python\nSECURE_SSL_REDIRECT = True\n```\n\nor redirect at "
                               "the proxy and suppress the finding with a comment saying so. The "
                               "quick fix (offered, never applied automatically) writes `True`.",
                .references =
                    "- https://docs.djangoproject.com/en/stable/ref/settings/"
                    "#secure-ssl-redirect\n"
                    "- https://docs.djangoproject.com/en/stable/ref/middleware/#ssl-redirect\n"
                    "- https://cwe.mitre.org/data/definitions/319.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_ssl_redirect,
};

} // namespace vigil::analysis::rules

// VG106, VG107: a Flask app's secret key written in the source, and its session or remember-me
// cookie flags turned off, through `app.secret_key`, `app.config[...]`, `app.config.update(...)`
// or `app.config.from_mapping(...)`.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using framework::ConfigItem;

constexpr std::string_view kinds[] = {"assignment", "call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"update", "from_mapping"};

// The keys each check looks for, as the file writes them, contain one of these.
constexpr std::string_view secret_key_markers[] = {"SECRET_KEY", "secret_key"};
constexpr std::string_view cookie_markers[] = {"COOKIE"};

// Items written together with `TESTING=True` configure a test app.
bool configures_tests(const SemanticModel& model, const std::vector<ConfigItem>& items) {
    for (const ConfigItem& item : items) {
        if (item.key == "TESTING" && model.literal_truth(item.value).value_or(false)) {
            return true;
        }
    }
    return false;
}

void check_secret_key(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    std::vector<ConfigItem> items = framework::flask_config_items(model, node);
    if (syntax::node_type(node) == "assignment") {
        const TSNode target = syntax::child_by_field(node, "left");
        if (syntax::node_type(target) == "attribute" &&
            model.text(syntax::child_by_field(target, "attribute")) == "secret_key") {
            if (const auto confidence =
                    framework::flask_app(model, syntax::child_by_field(target, "object"))) {
                items.push_back(
                    {"SECRET_KEY", target, syntax::child_by_field(node, "right"), *confidence});
            }
        }
    }
    if (items.empty() || configures_tests(model, items) ||
        framework::is_test_path(context.path())) {
        return;
    }
    for (const ConfigItem& item : items) {
        if (item.key != "SECRET_KEY" || !framework::is_literal_secret(model, item.value)) {
            continue;
        }
        Fix fix{.title = "Read the secret key from the environment (FLASK_SECRET_KEY)",
                .applicability = Applicability::Unsafe,
                .edits = {replace_node(item.value, "os.environ[\"FLASK_SECRET_KEY\"]")}};
        if (auto import = add_import(model, model.root(), "os")) {
            fix.edits.insert(fix.edits.begin(), std::move(*import));
        }
        context.report(item.value,
                       {.message = "The Flask app's secret key is a literal in the source: anyone "
                                   "who can read it can forge session cookies.",
                        .confidence = item.confidence,
                        .fixes = {std::move(fix)}});
    }
}

bool is_false_literal(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    return (type == "false" || type == "none" || type == "integer") &&
           !model.literal_truth(value).value_or(true);
}

void check_session_cookie(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::vector<ConfigItem> items = framework::flask_config_items(model, node);
    if (items.empty() || configures_tests(model, items) ||
        framework::is_test_path(context.path())) {
        return;
    }
    for (const ConfigItem& item : items) {
        if (item.key == "SESSION_COOKIE_SECURE" || item.key == "SESSION_COOKIE_HTTPONLY" ||
            item.key == "REMEMBER_COOKIE_SECURE" || item.key == "REMEMBER_COOKIE_HTTPONLY") {
            if (!is_false_literal(model, item.value)) {
                continue;
            }
            const bool httponly = item.key.ends_with("HTTPONLY");
            context.report(item.value,
                           {.message = item.key + " is turned off: the cookie " +
                                       (httponly ? "can be read by page scripts (and so by XSS)."
                                                 : "is also sent over plain HTTP."),
                            .confidence = item.confidence,
                            .fixes = {Fix{.title = "Set " + item.key + " to True",
                                          .applicability = Applicability::Unsafe,
                                          .edits = {replace_node(item.value, "True")}}}});
        } else if ((item.key == "SESSION_COOKIE_SAMESITE" ||
                    item.key == "REMEMBER_COOKIE_SAMESITE") &&
                   syntax::node_type(item.value) == "none") {
            context.report(item.value,
                           {.message = item.key + " is None: the cookie has no SameSite "
                                                  "attribute and older browsers send it with "
                                                  "cross-site requests.",
                            .severity = Level::Low,
                            .confidence = item.confidence,
                            .fixes = {Fix{.title = "Set " + item.key + " to \"Lax\"",
                                          .applicability = Applicability::Unsafe,
                                          .edits = {replace_node(item.value, "\"Lax\"")}}}});
        }
    }
}

} // namespace

extern const Rule flask_literal_secret_key{
    {
        .code = "VG106",
        .name = "flask-literal-secret-key",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 321,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a Flask app's secret key set to a non-empty string or bytes "
                        "literal (directly or through a name bound once to one): "
                        "`app.secret_key = ...`, `app.config[\"SECRET_KEY\"] = ...`, "
                        "`app.config.update(SECRET_KEY=...)` (or a dictionary), "
                        "`app.config.from_mapping(SECRET_KEY=...)`. The app is one made by "
                        "`flask.Flask(...)` or `flask.current_app` (HIGH confidence), or a name "
                        "`app`, `application`, `flask_app` (or `self.app`) in a file that imports "
                        "flask (MEDIUM). Test modules (`test_*.py`, `*_test.py`, `conftest.py`, "
                        "files in `tests/`) and calls that also set `TESTING=True` are left "
                        "alone. The message never shows the key.",
                .why = "Flask signs its session cookie with the secret key: whoever knows it can "
                       "write any session (log in as anyone). A key committed to a repository "
                       "stays in its history and must be rotated.",
                .example = "```python\napp = Flask(__name__)\napp.secret_key = \"dev\"\n```",
                .use_instead = "```python\napp.config[\"SECRET_KEY\"] = "
                               "os.environ[\"FLASK_SECRET_KEY\"]\n```\n\nor "
                               "`app.config.from_prefixed_env()`. The quick fix (offered, never "
                               "applied automatically: the variable must then be set) reads "
                               "`os.environ[\"FLASK_SECRET_KEY\"]`, adding `import os` when "
                               "needed.",
                .references = "- https://flask.palletsprojects.com/en/latest/config/#SECRET_KEY\n"
                              "- https://flask.palletsprojects.com/en/latest/quickstart/#sessions\n"
                              "- https://cwe.mitre.org/data/definitions/321.html",
                .vs_bandit = "Bandit reports these as hard-coded passwords at LOW severity, on any "
                             "object: B105 (ruff's S105) for `app.secret_key = \"...\"`, "
                             "`app.config[\"SECRET_KEY\"] = \"...\"` and dictionary keys, B106 "
                             "(S106) for `update(SECRET_KEY=\"...\")`; it never reports a bytes "
                             "key (the form Flask's documentation shows). This rule knows it is "
                             "a Flask app's signing key: HIGH severity, bytes too, test code left "
                             "alone, and a fix that reads the environment. Both may report the "
                             "same line.",
            },
        .reveals_secret = true,
    },
    kinds,
    check_secret_key,
    callee_names,
    secret_key_markers,
};

extern const Rule flask_insecure_session_cookie{
    {
        .code = "VG107",
        .name = "flask-insecure-session-cookie",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 614,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `SESSION_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`, "
                        "`REMEMBER_COOKIE_SECURE` or `REMEMBER_COOKIE_HTTPONLY` (Flask-Login) "
                        "set to `False` (or `None`, `0`) in a Flask app's config, and "
                        "`SESSION_COOKIE_SAMESITE`/`REMEMBER_COOKIE_SAMESITE` set to `None` "
                        "(LOW). Config writes are recognised as in VG106; test modules and calls "
                        "that also set `TESTING=True` are left alone.",
                .why = "Without `Secure` the browser also sends the session cookie over plain "
                       "HTTP, where anyone on the network can read it; without `HttpOnly` a "
                       "script on the page (an XSS payload) can steal it; without `SameSite` "
                       "older browsers attach it to cross-site requests (CSRF).",
                .example = "```python\napp.config.update(SESSION_COOKIE_SECURE=False)\n```",
                .use_instead = "```python\napp.config.update(\n    SESSION_COOKIE_SECURE=True,\n"
                               "    SESSION_COOKIE_HTTPONLY=True,\n    SESSION_COOKIE_SAMESITE="
                               "\"Lax\",\n)\n```\n\nThe quick fix (offered, never applied "
                               "automatically: cookies then stop working over plain HTTP) writes "
                               "`True` (or `\"Lax\"`).",
                .references = "- https://flask.palletsprojects.com/en/latest/security/"
                              "#set-cookie-options\n"
                              "- https://flask.palletsprojects.com/en/latest/config/"
                              "#SESSION_COOKIE_SECURE\n"
                              "- https://cwe.mitre.org/data/definitions/614.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_session_cookie,
    callee_names,
    cookie_markers,
};

} // namespace vigil::analysis::rules

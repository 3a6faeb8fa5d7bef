// VG121: Flask-WTF's CSRF protection turned off in configuration (WTF_CSRF_ENABLED = False,
// WTF_CSRF_CHECK_DEFAULT = False), in a config module or class, or in an app's config.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"assignment", "call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"update", "from_mapping"};

// The keys this checks, as the file writes them, contain one of these.
constexpr std::string_view markers[] = {"CSRF"};

bool is_csrf_switch(std::string_view key) {
    return key == "WTF_CSRF_ENABLED" || key == "WTF_CSRF_CHECK_DEFAULT";
}

bool is_false_literal(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    return (type == "false" || type == "none" || type == "integer") &&
           !model.literal_truth(value).value_or(true);
}

// Whether a block of statements (a module or a class body) sets `TESTING = True`.
bool sets_testing(const SemanticModel& model, TSNode block) {
    for (uint32_t i = 0; i < syntax::named_child_count(block); ++i) {
        const TSNode statement = syntax::named_child(block, i);
        if (syntax::node_type(statement) != "expression_statement") {
            continue;
        }
        const TSNode assignment = syntax::named_child(statement, 0);
        if (syntax::node_type(assignment) == "assignment" &&
            model.text(syntax::child_by_field(assignment, "left")) == "TESTING" &&
            model.literal_truth(syntax::child_by_field(assignment, "right")).value_or(false)) {
            return true;
        }
    }
    return false;
}

void report(RuleContext& context, TSNode value, std::string_view key) {
    const bool enabled = key == "WTF_CSRF_ENABLED";
    context.report(value, {.message = std::string(key) + " is False: " +
                                      (enabled ? "Flask-WTF no longer checks CSRF tokens."
                                               : "Flask-WTF checks CSRF tokens only in views "
                                                 "that call csrf.protect()."),
                           .severity = enabled ? Level::Medium : Level::Low,
                           .fixes = {Fix{.title = "Set " + std::string(key) + " to True",
                                         .applicability = Applicability::Unsafe,
                                         .edits = {replace_node(value, "True")}}}});
}

// Test and development modules may switch CSRF off. (Asked only once a node matches: the path
// is the same for every node of the file, but this check runs on every assignment and call.)
bool skipped_path(const RuleContext& context) {
    return framework::is_test_path(context.path()) ||
           framework::is_dev_or_test_path(context.path());
}

void check(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    // `app.config[...] = False`, `app.config.update(...)`: unless the same call sets TESTING.
    const auto items = framework::flask_config_items(model, node);
    bool testing = false;
    for (const auto& item : items) {
        testing =
            testing || (item.key == "TESTING" && model.literal_truth(item.value).value_or(false));
    }
    if (!testing) {
        for (const auto& item : items) {
            if (is_csrf_switch(item.key) && is_false_literal(model, item.value) &&
                !skipped_path(context)) {
                report(context, item.value, item.key);
            }
        }
    }
    if (!items.empty() || syntax::node_type(node) != "assignment") {
        return;
    }
    // `WTF_CSRF_ENABLED = False` in a config module or a config class, unless it is a test or
    // development one (by its name, or because it sets TESTING = True).
    const TSNode target = syntax::child_by_field(node, "left");
    const TSNode value = syntax::child_by_field(node, "right");
    if (syntax::node_type(target) != "identifier" || !is_csrf_switch(model.text(target)) ||
        !is_false_literal(model, value) || skipped_path(context)) {
        return;
    }
    const TSNode statement = syntax::parent(node);
    const TSNode container = ts_node_is_null(statement) ? statement : syntax::parent(statement);
    if (ts_node_is_null(container)) {
        return;
    }
    const std::string_view container_type = syntax::node_type(container);
    if (container_type == "block") {
        const TSNode definition = syntax::parent(container);
        if (syntax::node_type(definition) != "class_definition" ||
            framework::names_dev_or_test(model.text(syntax::child_by_field(definition, "name"))) ||
            sets_testing(model, container)) {
            return;
        }
    } else if (container_type != "module" || sets_testing(model, container)) {
        return;
    }
    report(context, value, model.text(target));
}

} // namespace

extern const Rule csrf_protection_disabled{
    {
        .code = "VG121",
        .name = "csrf-protection-disabled",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 352,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags Flask-WTF's `WTF_CSRF_ENABLED` set to `False` (MEDIUM) and "
                        "`WTF_CSRF_CHECK_DEFAULT` set to `False` (LOW: tokens are then checked "
                        "only where `csrf.protect()` is called): at module level or in a class "
                        "body (config modules and config classes), or written to a Flask app's "
                        "config (`app.config[...]`, `app.config.update(...)`, "
                        "`from_mapping(...)`). Disabling CSRF for tests is the documented "
                        "practice, so test and development code is left alone: test modules, "
                        "files named for development or tests (`config/testing.py`), classes "
                        "named so (`TestingConfig`, `DevConfig`), and modules, classes or calls "
                        "that also set `TESTING = True`.",
                .why = "Without CSRF checks, any site the user visits can make their browser "
                       "submit the app's forms with their session cookie.",
                .example = "```python\nclass ProductionConfig(Config):\n    WTF_CSRF_ENABLED = "
                           "False\n```",
                .use_instead = "Keep the default (`True`) outside tests. The quick fix (offered, "
                               "never applied automatically) writes `True`.",
                .references = "- https://flask-wtf.readthedocs.io/en/latest/config/\n"
                              "- https://flask-wtf.readthedocs.io/en/latest/csrf/\n"
                              "- https://cwe.mitre.org/data/definitions/352.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
    callee_names,
    markers,
};

} // namespace vigil::analysis::rules

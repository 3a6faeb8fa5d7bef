// B201: a Flask app run with debug=True.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"run"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method != "run") {
        return;
    }
    const TSNode debug = view.keyword("debug");
    if (ts_node_is_null(debug) || !model.literal_truth(debug).value_or(false)) {
        return;
    }
    // `app = Flask(__name__)` (or `with`, or `Flask(__name__).run(...)`): certainly a Flask app.
    // Otherwise, like Bandit, any `.run(debug=True)` in a file that imports flask.
    const TSNode receiver = view.receiver;
    const TSNode made_by = bound_call(model, receiver);
    const bool is_flask_app =
        !ts_node_is_null(made_by) &&
        model.qualified_name(syntax::child_by_field(made_by, "function")) == "flask.Flask";
    if (!is_flask_app && !model.imports_module("flask")) {
        return;
    }
    context.report(
        view.callee,
        {.message = "A Flask app (" + std::string(model.text(receiver)) +
                    ") appears to be run with debug=True, which exposes the Werkzeug debugger "
                    "and allows the execution of arbitrary code.",
         .confidence = is_flask_app ? Level::High : Level::Medium,
         .fixes = {Fix{.title = "Run with debug=False",
                       .applicability = Applicability::Unsafe,
                       .edits = {replace_node(debug, "False")}}}});
}

} // namespace

extern const Rule flask_debug_true{
    {
        .code = "B201",
        .name = "flask-debug-true",
        .bandit_name = "flask_debug_true",
        .ruff_code = "S201",
        .cwe = 94,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `<app>.run(debug=True)` (any true literal) where `<app>` is made by "
                        "`flask.Flask(...)` (HIGH confidence), or any `.run(debug=True)` in a file "
                        "that imports `flask` (MEDIUM, as Bandit).",
                .why = "Flask's debug mode turns on the Werkzeug interactive debugger: anyone who "
                       "can reach the app and make it raise gets a Python console in the "
                       "browser, that is, arbitrary code execution on the server.",
                .example = "```python\nfrom flask import Flask\n\napp = Flask(__name__)\n"
                           "app.run(debug=True)\n```",
                .use_instead = "Leave debugging off in code; turn it on locally with `flask run "
                               "--debug`:\n\n```python\napp.run(debug=False)\n```\n\nThe quick "
                               "fix (offered, never applied automatically) writes "
                               "`debug=False`.",
                .references = "- https://flask.palletsprojects.com/en/latest/debugging/\n"
                              "- https://werkzeug.palletsprojects.com/en/latest/debug/\n"
                              "- https://cwe.mitre.org/data/definitions/94.html",
                .vs_bandit =
                    "Bandit needs `debug=True` exactly and any module whose name contains "
                    "`flask` (`flask_cors` counts); Vigil accepts any true literal (`debug=1`), "
                    "needs `flask` itself to be imported, and raises the confidence to HIGH when "
                    "the receiver is visibly a `Flask(...)` app. The finding is on the callee; "
                    "Bandit reports the line of `debug=`.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

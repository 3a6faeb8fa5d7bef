// VG108: a development server run with its debugger on and listening on every interface.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/framework/framework.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"run", "run_server"};

bool is_all_interfaces(std::string_view host) {
    return host == "0.0.0.0" || host == "::" || host == "[::]";
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method.empty()) {
        return;
    }
    const std::string_view method = view.method;
    if (method != "run" && method != "run_server") {
        return;
    }
    // Flask's run(host, port, debug, ...) may take them by position; other servers' `run`
    // (Dash's run_server, Flask-SocketIO's run(app, ...)) only by keyword.
    const TSNode receiver = view.receiver;
    const auto flask = framework::flask_app(model, receiver);
    const bool positional = flask == Level::High && method == "run";
    const TSNode debug = positional ? view.argument(2, "debug") : view.keyword("debug");
    const TSNode host = positional ? view.argument(0, "host") : view.keyword("host");
    if (ts_node_is_null(debug) || ts_node_is_null(host) ||
        !model.literal_truth(debug).value_or(false)) {
        return;
    }
    const auto host_value = model.string_value(host);
    if (!host_value || !is_all_interfaces(*host_value)) {
        return;
    }
    context.report(view.callee,
                   {.message = std::string(model.text(receiver)) + "." + std::string(method) +
                               " runs with debug on and listens on every interface (" +
                               *host_value +
                               "): anyone on the network can reach the debugger, which runs "
                               "arbitrary code.",
                    .confidence = flask == Level::High ? Level::High : Level::Medium,
                    .fixes = {Fix{.title = "Run with debug=False",
                                  .applicability = Applicability::Unsafe,
                                  .edits = {replace_node(debug, "False")}}}});
}

} // namespace

extern const Rule debug_server_exposed{
    {
        .code = "VG108",
        .name = "debug-server-exposed",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 94,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `<x>.run(...)` or `<x>.run_server(...)` given both a true "
                        "`debug=` literal and a `host=` that listens on every interface "
                        "(`\"0.0.0.0\"`, `\"::\"`), as a literal or a name bound once to one. "
                        "For an app visibly made by `flask.Flask(...)` the positional form "
                        "`app.run(\"0.0.0.0\", 5000, True)` counts too, and confidence is HIGH; "
                        "other receivers (Dash's `run_server`, Flask-SocketIO's "
                        "`socketio.run(app, ...)`, Bottle) are MEDIUM.",
                .why = "Debug mode turns on the Werkzeug debugger (or the framework's "
                       "equivalent), which gives a Python console to whoever makes the app "
                       "raise. Bound to localhost only the developer can reach it; bound to "
                       "`0.0.0.0` anyone on the network (the café Wi-Fi, the container's "
                       "published port) can run code on the machine.",
                .example = "```python\napp.run(host=\"0.0.0.0\", debug=True)\n```",
                .use_instead = "Listen on localhost while debugging, and use a production "
                               "server (gunicorn, waitress) for anything reachable:\n\n"
                               "```python\napp.run(host=\"127.0.0.1\", debug=True)\n```\n\n"
                               "The quick fix (offered, never applied automatically) writes "
                               "`debug=False`.",
                .references = "- https://flask.palletsprojects.com/en/latest/debugging/\n"
                              "- https://werkzeug.palletsprojects.com/en/latest/debug/"
                              "#debugger-pin\n"
                              "- https://cwe.mitre.org/data/definitions/94.html",
                .vs_bandit = "Bandit's B201 (ruff's S201) flags `debug=True` alone on Flask "
                             "apps, at HIGH severity, and B104 flags the `\"0.0.0.0\"` string "
                             "alone, at MEDIUM. Neither tells the combination, which is the "
                             "remotely exploitable case, from a debugger bound to localhost; "
                             "this rule reports only the combination, also for other "
                             "frameworks' `run`.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

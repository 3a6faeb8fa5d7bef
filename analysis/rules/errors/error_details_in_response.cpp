// VG130: an exception's text or a traceback sent to the client: returned from a web view, or
// passed to a response (Django, Flask, FastAPI/Starlette, DRF, aiohttp) inside an except handler.
#include "analysis/rule_context.hpp"
#include "analysis/rules/errors/handlers.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"except_clause", "except_group_clause",
                                      "function_definition"};

// The name a handler binds with `as`, or "".
std::string_view handler_name(const SemanticModel& model, TSNode handler) {
    TSNode pattern = syntax::child_by_field(handler, "value");
    if (ts_node_is_null(pattern)) {
        pattern = syntax::named_child(handler, 0);
    }
    if (ts_node_is_null(pattern) || syntax::node_type(pattern) != "as_pattern") {
        const TSNode alias = syntax::child_by_field(handler, "alias"); // older grammars
        return ts_node_is_null(alias) ? std::string_view{} : model.text(alias);
    }
    const TSNode target = syntax::child_by_field(pattern, "alias");
    if (ts_node_is_null(target)) {
        return {};
    }
    const TSNode name = syntax::named_child(target, 0);
    return syntax::node_type(name) == "identifier" ? model.text(name) : std::string_view{};
}

// Exception or BaseException (the builtins), alone or in a tuple.
bool catches_everything(const SemanticModel& model, TSNode type) {
    const std::string_view kind = syntax::node_type(type);
    if (kind == "tuple" || kind == "parenthesized_expression") {
        for (uint32_t i = 0; i < syntax::named_child_count(type); ++i) {
            if (catches_everything(model, syntax::named_child(type, i))) {
                return true;
            }
        }
        return false;
    }
    if (kind == "identifier") {
        return model.is_builtin(type, "Exception") || model.is_builtin(type, "BaseException");
    }
    const std::string name = model.qualified_name(type);
    return name == "builtins.Exception" || name == "builtins.BaseException";
}

bool is_handler(TSNode node) {
    const std::string_view type = syntax::node_type(node);
    return type == "except_clause" || type == "except_group_clause";
}

bool is_scope(TSNode node) {
    const std::string_view type = syntax::node_type(node);
    return type == "function_definition" || type == "lambda" || type == "class_definition";
}

// A function decorated as a web route: `@app.route(...)`, `@bp.get(...)`, `@router.post(...)`.
bool is_view(const SemanticModel& model, TSNode function) {
    if (ts_node_is_null(function) || syntax::node_type(function) != "function_definition") {
        return false;
    }
    const TSNode decorated = syntax::parent(function);
    if (ts_node_is_null(decorated) || syntax::node_type(decorated) != "decorated_definition") {
        return false;
    }
    for (const TSNode decorator : model.decorators(function)) {
        if (syntax::node_type(decorator) != "call") {
            continue;
        }
        const TSNode callee = syntax::child_by_field(decorator, "function");
        if (model.method_name(callee).empty()) {
            continue;
        }
        const std::string_view method = model.method_name(callee);
        for (std::string_view route :
             {"route", "get", "post", "put", "patch", "delete", "api_route", "websocket"}) {
            if (method == route) {
                return true;
            }
        }
    }
    return false;
}

// Calls that build a response (or an HTTP error) whose arguments reach the client.
bool is_response(const std::string& name) {
    auto last = [&]() {
        const std::size_t dot = name.rfind('.');
        return dot == std::string::npos ? std::string_view(name)
                                        : std::string_view(name).substr(dot + 1);
    };
    if (name.starts_with("django.http.")) {
        return last().starts_with("Http") || last().ends_with("Response");
    }
    if (name.starts_with("fastapi.responses.") || name.starts_with("starlette.responses.")) {
        return last().ends_with("Response");
    }
    for (std::string_view sink :
         {"flask.jsonify", "flask.json.jsonify", "flask.make_response", "flask.Response",
          "flask.abort", "werkzeug.wrappers.Response", "werkzeug.Response", "fastapi.HTTPException",
          "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException",
          "fastapi.Response", "rest_framework.response.Response", "aiohttp.web.Response",
          "aiohttp.web.json_response"}) {
        if (name == sink) {
            return true;
        }
    }
    return false;
}

// A condition that tests a debug switch (`settings.DEBUG`, `app.debug`, `if debug:`): details
// shown only in debug mode are the developer's choice.
bool is_debug_condition(const SemanticModel& model, TSNode condition) {
    std::string text(model.text(condition));
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text.find("debug") != std::string::npos;
}

struct Scan {
    const SemanticModel& model;
    std::vector<std::string_view> names; // names of exceptions caught by broad handlers
    std::vector<std::pair<TSNode, std::string>> leaks;
    std::set<uint32_t> seen;

    bool is_caught(TSNode node) const {
        if (syntax::node_type(node) == "attribute") {
            const std::string_view attribute =
                model.text(syntax::child_by_field(node, "attribute"));
            if (attribute != "args" && attribute != "message") {
                return false;
            }
            node = syntax::child_by_field(node, "object"); // e.args
        }
        if (syntax::node_type(node) != "identifier") {
            return false;
        }
        const std::string_view text = model.text(node);
        return std::find(names.begin(), names.end(), text) != names.end();
    }

    void leak(TSNode node, std::string what) {
        if (seen.insert(ts_node_start_byte(node)).second) {
            leaks.emplace_back(node, std::move(what));
        }
    }

    // Exception text or tracebacks anywhere in an expression.
    void expression(TSNode node) {
        const std::string_view type = syntax::node_type(node);
        if (is_scope(node)) {
            return;
        }
        if (type == "attribute" && is_caught(node)) {
            leak(node, "the caught exception's " + std::string(model.text(node)));
            return;
        }
        if (type == "call") {
            const CallView& view = model.call(node);
            const std::string name = model.qualified_name(view.callee);
            if (name == "traceback.format_exc" || name == "traceback.format_exception" ||
                name == "traceback.format_tb" || name == "traceback.format_stack") {
                leak(node, "a traceback (" + name + "())");
                return;
            }
            if ((model.calls_builtin(view, "str") || model.calls_builtin(view, "repr")) &&
                view.positional.size() == 1 && is_caught(view.positional[0])) {
                leak(node, "the text of the caught exception " +
                               std::string(model.text(view.positional[0])));
                return;
            }
            if (view.method == "format") {
                for (const TSNode argument : view.positional) {
                    if (is_caught(argument)) {
                        leak(node, "the text of the caught exception " +
                                       std::string(model.text(argument)));
                        return;
                    }
                }
                for (const auto& [keyword, argument] : view.keywords) {
                    if (is_caught(argument)) {
                        leak(node, "the text of the caught exception " +
                                       std::string(model.text(argument)));
                        return;
                    }
                }
            }
        } else if (type == "conditional_expression" &&
                   is_debug_condition(model, syntax::named_child(node, 1))) {
            // `traceback.format_exc() if settings.DEBUG else "Internal Server Error"`
            for (uint32_t i = 2; i < syntax::named_child_count(node); ++i) {
                expression(syntax::named_child(node, i));
            }
            return;
        } else if (type == "interpolation") {
            const TSNode value = syntax::child_by_field(node, "expression");
            if (is_caught(value)) {
                leak(syntax::parent(node),
                     "the text of the caught exception " + std::string(model.text(value)));
                return;
            }
        } else if (type == "binary_operator" &&
                   model.text(syntax::child_by_field(node, "operator")) == "%") {
            const TSNode right = syntax::child_by_field(node, "right");
            bool caught = is_caught(right);
            if (syntax::node_type(right) == "tuple") {
                for (uint32_t i = 0; i < syntax::named_child_count(right); ++i) {
                    caught = caught || is_caught(syntax::named_child(right, i));
                }
            }
            if (caught) {
                leak(node, "the text of the caught exception");
                return;
            }
        }
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            expression(syntax::named_child(node, i));
        }
    }

    // A response call: its arguments, and the exception object itself given as one.
    void response(TSNode call) {
        const CallView& view = model.call(call);
        auto argument = [&](TSNode value) {
            if (syntax::node_type(value) == "identifier" && is_caught(value)) {
                leak(value, "the caught exception " + std::string(model.text(value)));
            } else {
                expression(value);
            }
        };
        for (const TSNode value : view.positional) {
            argument(value);
        }
        for (const auto& [keyword, value] : view.keywords) {
            argument(value);
        }
    }

    // Statements of a handler body: returns (in a view) and response calls.
    void statements(TSNode node, bool view) {
        if (is_scope(node) || is_handler(node)) {
            return; // nested handlers are checked on their own, with the names around them
        }
        const std::string_view type = syntax::node_type(node);
        if (type == "if_statement" &&
            is_debug_condition(model, syntax::child_by_field(node, "condition"))) {
            // `if settings.DEBUG: return HttpResponse(traceback.format_exc())`: only the
            // else branches are checked.
            for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
                const TSNode child = syntax::named_child(node, i);
                const std::string_view child_type = syntax::node_type(child);
                if (child_type == "else_clause" || child_type == "elif_clause") {
                    statements(child, view);
                }
            }
            return;
        }
        if (type == "return_statement" && view) {
            for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
                expression(syntax::named_child(node, i));
            }
        } else if (type == "call" &&
                   is_response(model.qualified_name(syntax::child_by_field(node, "function")))) {
            response(node);
        }
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            statements(syntax::named_child(node, i), view);
        }
    }
};

void report(RuleContext& context, const Scan& scan) {
    for (const auto& [node, what] : scan.leaks) {
        context.report(node, {.message = "The response carries " + what +
                                         ": internal details (paths, queries, configuration) "
                                         "reach the client."});
    }
}

// The exception parameter of an error handler that receives every exception:
// `@app.errorhandler(Exception) def h(e)` (Flask), `@app.exception_handler(Exception)
// async def h(request, exc)` (FastAPI, Starlette); "" for other functions.
std::string_view error_handler_parameter(const SemanticModel& model, TSNode function) {
    const TSNode decorated = syntax::parent(function);
    if (ts_node_is_null(decorated) || syntax::node_type(decorated) != "decorated_definition") {
        return {};
    }
    for (const TSNode decorator : model.decorators(function)) {
        if (syntax::node_type(decorator) != "call") {
            continue;
        }
        const CallView& view = model.call(decorator);
        if (view.method.empty()) {
            continue;
        }
        const std::string_view method = view.method;
        if (method != "errorhandler" && method != "exception_handler") {
            continue;
        }
        const TSNode type = view.argument(0);
        if (ts_node_is_null(type) || !catches_everything(model, type)) {
            continue;
        }
        const TSNode parameters = syntax::child_by_field(function, "parameters");
        const uint32_t index = method == "exception_handler" ? 1 : 0;
        if (ts_node_is_null(parameters) || syntax::named_child_count(parameters) <= index) {
            return {};
        }
        TSNode parameter = syntax::named_child(parameters, index);
        if (syntax::node_type(parameter) == "typed_parameter") {
            parameter = syntax::named_child(parameter, 0);
        }
        return syntax::node_type(parameter) == "identifier" ? model.text(parameter)
                                                            : std::string_view{};
    }
    return {};
}

void check_error_handler(TSNode function, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::string_view parameter = error_handler_parameter(model, function);
    if (parameter.empty()) {
        return;
    }
    Scan scan{model, {parameter}, {}, {}};
    const TSNode body = syntax::child_by_field(function, "body");
    for (uint32_t i = 0; i < syntax::named_child_count(body); ++i) {
        scan.statements(syntax::named_child(body, i), true);
    }
    report(context, scan);
}

void check(TSNode handler, RuleContext& context) {
    const SemanticModel& model = context.model();
    if (syntax::node_type(handler) == "function_definition") {
        check_error_handler(handler, context);
        return;
    }
    Scan scan{model, {}, {}, {}};
    // This handler's name and those of the handlers around it, up to the enclosing function,
    // when they catch everything: a specific exception's text (a ValidationError's message) is
    // usually meant for the user.
    TSNode function{};
    // Outward from the handler, up to the innermost enclosing function (or the module).
    const TSNode scope = model.scopes()[model.scope_of(handler)].node;
    std::vector<TSNode> outward = syntax::ancestors_below(scope, handler);
    outward.push_back(handler);
    std::reverse(outward.begin(), outward.end());
    for (const TSNode node : outward) {
        if (is_scope(node)) {
            function = node;
            break;
        }
        if (!is_handler(node)) {
            continue;
        }
        const TSNode type = handled_type(node);
        const std::string_view name = handler_name(model, node);
        if (!name.empty() && (ts_node_is_null(type) || catches_everything(model, type))) {
            scan.names.push_back(name);
        }
    }
    const bool view = is_view(model, function);
    for (uint32_t i = 0; i < syntax::named_child_count(handler); ++i) {
        const TSNode child = syntax::named_child(handler, i);
        if (syntax::node_type(child) == "block") {
            for (uint32_t k = 0; k < syntax::named_child_count(child); ++k) {
                scan.statements(syntax::named_child(child, k), view);
            }
        }
    }
    report(context, scan);
}

} // namespace

extern const Rule error_details_in_response{
    {
        .code = "VG130",
        .name = "error-details-in-response",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 209,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Inside an exception handler, flags a traceback "
                        "(`traceback.format_exc()`, `format_exception`, `format_tb`, "
                        "`format_stack`) or the text of the caught exception (`str(e)`, "
                        "`repr(e)`, `f\"{e}\"`, `\"%s\" % e`, `\"{}\".format(e)`, `e.args`, "
                        "`e.message`) that "
                        "is returned from a web view (a function decorated with "
                        "`@<x>.route(...)`, `@<x>.get(...)`, `.post`, `.put`, `.patch`, "
                        "`.delete`, `.api_route`, `.websocket`) or passed to a response: "
                        "Django's `HttpResponse*`/`JsonResponse`, Flask's `jsonify`, "
                        "`make_response`, `Response`, `abort`, FastAPI/Starlette's "
                        "`HTTPException` and `*Response`, DRF's `Response`, aiohttp's "
                        "`web.Response`/`json_response`. The exception's text counts only when "
                        "the handler catches everything (bare `except`, `Exception`, "
                        "`BaseException`): the message of a specific exception "
                        "(`except ValidationError as e`) is usually written for the user. "
                        "An error handler registered for every exception "
                        "(`@app.errorhandler(Exception)` in Flask, "
                        "`@app.exception_handler(Exception)` in FastAPI/Starlette) is checked "
                        "the same way, its exception parameter standing for `e`. "
                        "Details shown only in debug mode (under `if settings.DEBUG:`, or "
                        "`format_exc() if app.debug else \"error\"`) are left alone.",
                .why = "Exception messages and tracebacks describe the server's inside: file "
                       "paths, SQL statements and table names, library versions, sometimes "
                       "connection strings or data of other users. Sent to the client they "
                       "help an attacker map and target the application.",
                .example = "```python\n@app.route(\"/orders/<id>\")\ndef order(id):\n    try:\n"
                           "        return jsonify(load(id))\n    except Exception as e:\n"
                           "        return jsonify(error=str(e)), 500\n```",
                .use_instead = "Log the details and send a generic message (with an id to find "
                               "the log entry, if useful):\n\n```python\n    except Exception:\n"
                               "        app.logger.exception(\"loading order %s\", id)\n"
                               "        return jsonify(error=\"internal error\"), 500\n```\n\n"
                               "No quick fix: the right message and the logging belong to the "
                               "application.",
                .references = "- https://owasp.org/www-community/Improper_Error_Handling\n"
                              "- https://cheatsheetseries.owasp.org/cheatsheets/"
                              "Error_Handling_Cheat_Sheet.html\n"
                              "- https://cwe.mitre.org/data/definitions/209.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

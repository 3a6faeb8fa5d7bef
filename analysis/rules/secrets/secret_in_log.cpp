// VG203: a secret (a name that holds a password, token, key...) written to a log, printed, or
// put into an exception's message, directly or formatted into the text.
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call", "raise_statement"};
// The calls this checks, by the last part of their name (see Rule::callee_names); other
// node kinds are not filtered.
constexpr std::string_view callee_names[] = {"print", "debug", "info",      "warning",
                                             "warn",  "error", "exception", "critical",
                                             "fatal", "log",   "msg"};

constexpr std::array<std::string_view, 10> log_methods = {
    "debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log", "msg"};

// Whether a receiver is a logger: a name bound from logging.getLogger() (or structlog's), or
// named like one (`logger`, `log`, `self._logger`, `LOG`).
bool is_logger(const SemanticModel& model, TSNode receiver) {
    const TSNode made_by = bound_call(model, receiver);
    if (!ts_node_is_null(made_by)) {
        const std::string maker = model.qualified_name(child_by_field(made_by, "function"));
        if (maker == "logging.getLogger" || maker == "structlog.get_logger" ||
            maker == "structlog.getLogger" || maker == "loguru.logger.bind") {
            return true;
        }
    }
    const std::string name = model.qualified_name(receiver);
    if (name == "logging" || name == "loguru.logger") {
        return true;
    }
    std::string_view last =
        node_type(receiver) == "attribute"
            ? model.text(child_by_field(receiver, "attribute"))
            : (node_type(receiver) == "identifier" ? model.text(receiver) : std::string_view{});
    const auto parts = secrets::name_parts(last);
    return !parts.empty() && (parts.back() == "logger" || parts.back() == "log");
}

enum class Sink { None, Log, Print, Exception };

Sink sink_of(const SemanticModel& model, const CallView& view) {
    if (model.calls_builtin(view, "print")) {
        return Sink::Print;
    }
    if (const std::string_view method = view.method; !method.empty()) {
        if (secrets::is_one_of(method, log_methods) && is_logger(model, view.receiver)) {
            return Sink::Log;
        }
    }
    return Sink::None;
}

// The secret an expression writes out: a secret-named variable or attribute, itself or formatted
// into text (f-string, %, +, .format, str(), repr()); a null node if none. `len(password)`,
// `password is None` and other computations on the secret are not the secret.
TSNode leaked(const SemanticModel& model, TSNode expression, int depth = 0) {
    if (ts_node_is_null(expression) || depth > 8) {
        return TSNode{};
    }
    const std::string_view type = node_type(expression);
    if (type == "identifier" || type == "attribute") {
        const std::string_view name = type == "identifier"
                                          ? model.text(expression)
                                          : model.text(child_by_field(expression, "attribute"));
        const auto strength = secrets::secret_strength(name);
        // A bare `auth` or `credentials` (AUTH_USER_MODEL, request.auth) is as often a setting
        // or an object; a CamelCase name (LoadingCredentialsError) is a class.
        if (!name.empty() && std::isupper(static_cast<unsigned char>(name.front())) &&
            std::any_of(name.begin(), name.end(),
                        [](unsigned char c) { return std::islower(c) != 0; })) {
            return TSNode{};
        }
        const bool secret = strength == secrets::SecretStrength::Strong ||
                            (strength == secrets::SecretStrength::TokenOnly &&
                             secrets::file_handles_credentials(model));
        return secret ? expression : TSNode{};
    }
    if (type == "string") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const TSNode part = syntax::named_child(expression, i);
            if (node_type(part) == "interpolation") {
                if (TSNode found = leaked(model, child_by_field(part, "expression"), depth + 1);
                    !ts_node_is_null(found)) {
                    return found;
                }
            }
        }
        return TSNode{};
    }
    if (type == "binary_operator") {
        const std::string_view op = model.text(child_by_field(expression, "operator"));
        if (op != "%" && op != "+") {
            return TSNode{};
        }
        TSNode found = leaked(model, child_by_field(expression, "left"), depth + 1);
        return ts_node_is_null(found)
                   ? leaked(model, child_by_field(expression, "right"), depth + 1)
                   : found;
    }
    if (type == "tuple" || type == "parenthesized_expression" || type == "concatenated_string" ||
        type == "list") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            if (TSNode found = leaked(model, syntax::named_child(expression, i), depth + 1);
                !ts_node_is_null(found)) {
                return found;
            }
        }
        return TSNode{};
    }
    if (type == "dictionary") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const TSNode pair = syntax::named_child(expression, i);
            if (node_type(pair) == "pair") {
                if (TSNode found = leaked(model, child_by_field(pair, "value"), depth + 1);
                    !ts_node_is_null(found)) {
                    return found;
                }
            }
        }
        return TSNode{};
    }
    if (type == "call") {
        const CallView& view = model.call(expression);
        const bool format = view.method == "format";
        if (!format && !model.calls_builtin(view, "str") && !model.calls_builtin(view, "repr")) {
            return TSNode{};
        }
        for (TSNode argument : view.positional) {
            if (TSNode found = leaked(model, argument, depth + 1); !ts_node_is_null(found)) {
                return found;
            }
        }
        for (const auto& keyword : view.keywords) {
            if (TSNode found = leaked(model, keyword.second, depth + 1); !ts_node_is_null(found)) {
                return found;
            }
        }
    }
    return TSNode{};
}

// Calls are checked as log and print sinks; a raise statement's call (the exception) from the
// statement, which spares a parent lookup per call.
void check(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    TSNode call = node;
    Sink sink = Sink::Exception;
    if (node_type(node) == "raise_statement") {
        call = syntax::named_child(node, 0);
        if (ts_node_is_null(call) || node_type(call) != "call") {
            return;
        }
    }
    const CallView& view = model.call(call);
    if (node_type(node) == "call") {
        sink = sink_of(model, view);
        if (sink == Sink::None) {
            return;
        }
    }
    for (TSNode argument : view.positional) {
        const TSNode secret = leaked(model, argument);
        if (ts_node_is_null(secret)) {
            continue;
        }
        const std::string name(model.text(secret));
        const std::string where = sink == Sink::Log     ? "written to a log"
                                  : sink == Sink::Print ? "printed"
                                                        : "put into an exception message";
        context.report(secret, {.message = "Secret '" + name + "' is " + where});
        return;
    }
}

} // namespace

extern const Rule secret_in_log{
    {
        .code = "VG203",
        .name = "secret-in-log",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 532,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags a variable or attribute named like a secret (`password`, `token`, "
                    "`api_key`, `secret`, `credentials`, `auth`...) passed to a logging call "
                    "(`logging.info`, `logger.debug`, `log.warning`, any "
                    "`debug/info/warning/error/exception/critical/log` method of a name bound "
                    "from `logging.getLogger` or named like a logger), to `print`, or into the "
                    "message of a raised exception, itself or formatted into the text "
                    "(f-string, `%`, `+`, `.format`, `str()`, `repr()`). Facts about the secret "
                    "are not the secret: `len(password)`, `password is None`, `token_count`, "
                    "`password_policy`, `secret_name`, `has_password`. A bare `token` counts "
                    "only in files that import a credentials library (`jwt`, `hmac`, `secrets`, "
                    "`oauthlib`, `django.contrib.auth`...), since parsers print their tokens; "
                    "`access_token`, `refresh_token`, `csrf_token`... always count. A bare "
                    "`auth` (`request.auth`, `AUTH_USER_MODEL`) does not.",
                .why = "Logs, consoles and error reports are kept, shipped to other systems and "
                       "read by people who must not see credentials: a secret written there has "
                       "leaked.",
                .example = "```python\nlogger.info(\"login %s with %s\", user, password)\n"
                           "raise AuthError(f\"bad token {token}\")\n```",
                .use_instead = "Log that there was a secret, or a non-reversible hint of it:\n\n"
                               "```python\nlogger.info(\"login %s\", user)\n"
                               "raise AuthError(\"bad token\")\n```",
                .references = "- https://cwe.mitre.org/data/definitions/532.html\n"
                              "- https://cheatsheetseries.owasp.org/cheatsheets/"
                              "Logging_Cheat_Sheet.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

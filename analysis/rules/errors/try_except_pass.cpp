// B110 / B112: an exception handler that only passes or continues, swallowing every error.
#include "analysis/rule_context.hpp"
#include "analysis/rules/errors/handlers.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"except_clause", "except_group_clause"};

// Exception or BaseException (the builtins, not shadowed), alone or in a tuple.
bool catches_everything(const SemanticModel& model, TSNode type) {
    const std::string_view kind = syntax::node_type(type);
    if (kind == "tuple" || kind == "parenthesized_expression") {
        const uint32_t count = syntax::named_child_count(type);
        for (uint32_t i = 0; i < count; ++i) {
            if (catches_everything(model, syntax::named_child(type, i))) {
                return true;
            }
        }
        return false;
    }
    if (kind == "identifier") {
        return model.is_builtin(type, "Exception") || model.is_builtin(type, "BaseException");
    }
    const std::string& name = model.qualified_name(type);
    return name == "builtins.Exception" || name == "builtins.BaseException";
}

// The handler's single statement, when its body is exactly one (comments aside).
TSNode only_statement(TSNode handler) {
    TSNode body{};
    const uint32_t count = syntax::named_child_count(handler);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode child = syntax::named_child(handler, i);
        if (syntax::node_type(child) == "block") {
            body = child;
        }
    }
    if (ts_node_is_null(body)) {
        return body;
    }
    TSNode only{};
    const uint32_t statements = syntax::named_child_count(body);
    for (uint32_t i = 0; i < statements; ++i) {
        const TSNode child = syntax::named_child(body, i);
        if (syntax::node_type(child) == "comment") {
            continue;
        }
        if (!ts_node_is_null(only)) {
            return TSNode{};
        }
        only = child;
    }
    return only;
}

void check_handler(TSNode handler, RuleContext& context, std::string_view statement_type,
                   std::string_view word) {
    const TSNode statement = only_statement(handler);
    if (ts_node_is_null(statement) || syntax::node_type(statement) != statement_type) {
        return;
    }
    const SemanticModel& model = context.model();
    const TSNode type = handled_type(handler);
    if (!ts_node_is_null(type) && !context.options().check_typed_exception &&
        !catches_everything(model, type)) {
        return;
    }
    // The handler's header, `except Exception as error:`, is what the finding covers.
    std::size_t end = ts_node_end_byte(handler);
    const uint32_t count = syntax::child_count(handler);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode child = syntax::child(handler, i);
        if (syntax::node_type(child) == ":") {
            end = ts_node_end_byte(child);
            break;
        }
    }
    const std::string handler_text =
        ts_node_is_null(type) ? "a bare except" : "except " + std::string(model.text(type));
    context.report(ts_node_start_byte(handler), end,
                   {.message = "Try, Except, " + std::string(word) + " detected: " + handler_text +
                               " silently ignores the errors it catches."});
}

void check_pass(TSNode handler, RuleContext& context) {
    check_handler(handler, context, "pass_statement", "Pass");
}

void check_continue(TSNode handler, RuleContext& context) {
    check_handler(handler, context, "continue_statement", "Continue");
}

constexpr std::string_view why =
    "A handler that does nothing hides every failure it catches, including ones that matter "
    "for security (a failed permission check, a signature that did not verify, a database "
    "write that did not happen), and makes attacks and bugs invisible in logs.";

constexpr std::string_view vs_bandit =
    "Same handler rule as Bandit (a bare `except:` or `except Exception:`; any type with "
    "`check-typed-exception`), plus `BaseException` (which catches even more) and tuples that "
    "contain `Exception` or `BaseException` (`except (ValueError, Exception):`), which Bandit "
    "skips. One `check-typed-exception` option serves B110 and B112 (Bandit reads it from the "
    "`try_except_pass` and `try_except_continue` sections separately; from `[tool.bandit]`, Vigil "
    "reads `try_except_pass`). There is no quick fix: what to do with the error depends on the "
    "code.";

} // namespace

extern const Rule try_except_pass{
    {
        .code = "B110",
        .name = "try-except-pass",
        .bandit_name = "try_except_pass",
        .ruff_code = "S110",
        .cwe = 703,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags exception handlers whose whole body is `pass` and that catch "
                        "everything: a bare `except:`, `except Exception:` or `except "
                        "BaseException:` (any exception type when the `check-typed-exception` "
                        "option is true).",
                .why = why,
                .example = "```python\ntry:\n    audit_log.write(event)\nexcept Exception:\n"
                           "    pass\n```",
                .use_instead = "Catch what you expect and record the rest:\n\n```python\n"
                               "try:\n    audit_log.write(event)\nexcept OSError:\n    "
                               "logger.exception(\"could not write the audit log\")\n```",
                .references = "- https://docs.python.org/3/tutorial/errors.html#handling-"
                              "exceptions\n"
                              "- https://cwe.mitre.org/data/definitions/703.html",
                .vs_bandit = vs_bandit,
            },
    },
    kinds,
    check_pass,
};

extern const Rule try_except_continue{
    {
        .code = "B112",
        .name = "try-except-continue",
        .bandit_name = "try_except_continue",
        .ruff_code = "S112",
        .cwe = 703,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags exception handlers whose whole body is `continue` and that "
                        "catch everything: a bare `except:`, `except Exception:` or `except "
                        "BaseException:` (any exception type when the `check-typed-exception` "
                        "option is true).",
                .why = why,
                .example = "```python\nfor host in hosts:\n    try:\n        verify(host)\n"
                           "    except Exception:\n        continue\n```",
                .use_instead = "```python\nfor host in hosts:\n    try:\n        verify(host)\n"
                               "    except VerificationError:\n        logger.warning(\"%s "
                               "failed verification\", host)\n        continue\n```",
                .references = "- https://docs.python.org/3/tutorial/errors.html#handling-"
                              "exceptions\n"
                              "- https://cwe.mitre.org/data/definitions/703.html",
                .vs_bandit = vs_bandit,
            },
    },
    kinds,
    check_continue,
};

} // namespace vigil::analysis::rules

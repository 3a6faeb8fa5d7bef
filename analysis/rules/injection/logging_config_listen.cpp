// B612: logging.config.listen() without a verify function.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (model.qualified_name(view.callee) != "logging.config.listen") {
        return;
    }
    // listen(port=DEFAULT_LOGGING_CONFIG_PORT, verify=None)
    const TSNode verify = view.argument(1, "verify");
    if (ts_node_is_null(verify) ? view.has_star_kwargs || view.has_star_args
                                : syntax::node_type(verify) != "none") {
        return;
    }
    context.report(view.callee, {.message = "Use of insecure logging.config.listen detected "
                                            "(no verify function)."});
}

} // namespace

extern const Rule logging_config_listen{
    {
        .code = "B612",
        .name = "logging-config-insecure-listen",
        .bandit_name = "logging_config_insecure_listen",
        .ruff_code = "S612",
        .cwe = 94,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `logging.config.listen()` without a `verify` function.",
                .why = "The listener accepts a logging configuration from anyone who can reach "
                       "its port, and a configuration can name classes and callables to "
                       "construct: whoever connects can run code in the process.",
                .example = "```python\nimport logging.config\n\nthread = "
                           "logging.config.listen(9999)\n```",
                .use_instead = "Pass a `verify` function that checks a signature (or decrypts) "
                               "and returns the bytes only when they are trusted:\n\n```python\n"
                               "thread = logging.config.listen(9999, verify=check_signature)\n"
                               "```",
                .references = "- https://docs.python.org/3/library/logging.config.html#"
                              "logging.config.listen\n"
                              "- https://cwe.mitre.org/data/definitions/94.html",
                .vs_bandit = "Bandit accepts any `verify=` keyword, even `verify=None` (the "
                             "default), and flags a verify function passed by position; Vigil "
                             "flags `verify=None`, accepts the positional one, and stays silent "
                             "when `**kwargs` may carry it. Aliases (`from logging.config import "
                             "listen`) are resolved.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

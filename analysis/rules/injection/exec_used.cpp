// B102: exec.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"exec"};

void check(TSNode call, RuleContext& context) {
    const CallView& view = context.model().call(call);
    if (context.model().calls_builtin(view, "exec")) {
        context.report(view.callee, {.message = "Use of exec detected."});
    }
}

} // namespace

extern const Rule exec_used{
    {
        .code = "B102",
        .name = "exec-builtin",
        .bandit_name = "exec_used",
        .ruff_code = "S102",
        .cwe = 78,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags calls to the builtin `exec`.",
                .why = "`exec` runs arbitrary Python statements. If any part of the code it runs "
                       "can be influenced from outside, that is remote code execution.",
                .example = "```python\nexec(plugin_source)\n```",
                .use_instead = "Import plugins as modules (`importlib.import_module`) from a "
                               "directory you control, or map names to functions with a "
                               "dictionary instead of generating code.",
                .references = "- https://docs.python.org/3/library/functions.html#exec\n"
                              "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit = "Bandit flags any call named `exec`, including your own function of "
                             "that name; Vigil flags only the builtin.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

// B307: eval.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"eval"};

void check(TSNode call, RuleContext& context) {
    const CallView& view = context.model().call(call);
    const TSNode callee = view.callee;
    // The builtin itself (not a local function called eval), or builtins.eval.
    if (context.model().calls_builtin(view, "eval")) {
        // ast.literal_eval accepts only literals: the right call when the intent was to read a
        // value, but a change of meaning when expressions were meant, so it is never automatic.
        Fix fix{.title = "Use ast.literal_eval",
                .applicability = Applicability::Unsafe,
                .edits = {replace_node(callee, "ast.literal_eval")}};
        if (auto import = add_import(context.model(), context.model().root(), "ast")) {
            fix.edits.push_back(*import);
        }
        context.report(callee, {.message = "Use of possibly insecure function - consider using "
                                           "safer ast.literal_eval.",
                                .fixes = {std::move(fix)}});
    }
}

} // namespace

extern const Rule eval_used{
    {
        .code = "B307",
        .name = "suspicious-eval-usage",
        .bandit_name = "eval",
        .ruff_code = "S307",
        .cwe = 78,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags calls to the builtin `eval`.",
                .why = "`eval` runs any Python expression. When any part of its argument comes "
                       "from outside the program, an attacker can run code with the program's "
                       "rights: read files, open sockets, start processes.",
                .example = "```python\ntotal = eval(request.args[\"expression\"])\n```",
                .use_instead = "To read a Python literal (numbers, strings, lists, dicts), use "
                               "`ast.literal_eval`. To evaluate arithmetic, parse it yourself or "
                               "use a small expression library.\n\n```python\nimport ast\n\ntotal "
                               "= ast.literal_eval(request.args[\"expression\"])\n```",
                .references = "- https://docs.python.org/3/library/functions.html#eval\n"
                              "- https://docs.python.org/3/library/ast.html#ast.literal_eval\n"
                              "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit = "Bandit flags any call named `eval`, including a function of your "
                             "own that happens to be called `eval`; Vigil flags only the builtin "
                             "(also through `builtins.eval` or an alias of it).",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

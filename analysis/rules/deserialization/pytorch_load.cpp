// B614: torch.load without weights_only=True.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (name != "torch.load" && name != "torch.serialization.load") {
        return;
    }
    const TSNode weights_only = view.keyword("weights_only");
    if (!ts_node_is_null(weights_only) && syntax::node_type(weights_only) == "true") {
        return;
    }
    if (ts_node_is_null(weights_only) && view.has_star_kwargs) {
        return; // weights_only may be in **kwargs
    }
    std::vector<Fix> fixes;
    // Unsafe: a checkpoint holding whole pickled objects (a model, an optimizer) stops loading.
    if (auto edit = set_keyword_argument(view, model.text(), "weights_only", "True")) {
        fixes.push_back(Fix{.title = "Load only tensors and plain data (weights_only=True)",
                            .applicability = Applicability::Unsafe,
                            .edits = {std::move(*edit)}});
    }
    context.report(view.callee,
                   {.message = "Use of unsafe PyTorch load (" + name +
                               " without weights_only=True can run code from the file).",
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule pytorch_load{
    {
        .code = "B614",
        .name = "pytorch-load",
        .bandit_name = "pytorch_load",
        .ruff_code = "",
        .cwe = 502,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `torch.load` (and `torch.serialization.load`) unless "
                        "`weights_only=True` is passed.",
                .why = "Without `weights_only=True`, `torch.load` unpickles the file: a "
                       "downloaded or shared checkpoint can run any code when it is loaded. "
                       "PyTorch 2.6 made `weights_only=True` the default, but code written for "
                       "older versions, or run with them, or passing `weights_only=False`, is "
                       "still exposed.",
                .example = "```python\nimport torch\n\nstate = torch.load(\"model.pt\")\n```",
                .use_instead = "```python\nimport torch\n\nstate = torch.load(\"model.pt\", "
                               "weights_only=True)\n```\n\nSave state dicts rather than whole "
                               "models, so that they load this way. The quick fix adds "
                               "`weights_only=True` (unsafe: a file holding whole pickled "
                               "objects then fails to load).",
                .references =
                    "- https://pytorch.org/docs/stable/generated/torch.load.html\n"
                    "- https://pytorch.org/docs/stable/notes/serialization.html#weights-only\n"
                    "- https://cwe.mitre.org/data/definitions/502.html",
                .vs_bandit = "Bandit needs `import torch` exactly, so it misses `from torch "
                             "import load` and aliases; Vigil resolves them. Vigil stays silent "
                             "when `weights_only` may come in `**kwargs`.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

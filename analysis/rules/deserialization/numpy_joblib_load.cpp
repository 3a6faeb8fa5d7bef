// VG230 / VG231: loaders that unpickle: numpy.load(..., allow_pickle=True) and joblib.load().
// (pandas.read_pickle, shelve, jsonpickle and dill are B301's; torch.load is B614's.)
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
constexpr std::string_view callee_names[] = {"load"}; // numpy.load, joblib.load

void check_numpy(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    if (name != "numpy.load") {
        return;
    }
    const TSNode allow = view.argument(2, "allow_pickle");
    const auto truth = model.literal_truth(allow);
    if (ts_node_is_null(allow) || !truth || !*truth) {
        return;
    }
    std::vector<Fix> fixes;
    const TSNode argument = keyword_argument_node(view, "allow_pickle");
    if (!ts_node_is_null(argument)) {
        fixes.push_back(Fix{.title = "Remove allow_pickle=True (object arrays then fail to load)",
                            .applicability = Applicability::Unsafe,
                            .edits = {remove_argument(argument, model.text())}});
    }
    context.report(view.callee,
                   {.message = "numpy.load with allow_pickle=True unpickles object arrays: a "
                               "crafted file runs code",
                    .fixes = std::move(fixes)});
}

void check_joblib(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    if (name != "joblib.load" && name != "sklearn.externals.joblib.load") {
        return;
    }
    context.report(view.callee,
                   {.message = "joblib.load unpickles the file: a crafted file runs code"});
}

} // namespace

extern const Rule numpy_load_allow_pickle{
    {
        .code = "VG230",
        .name = "numpy-load-allow-pickle",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 502,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `numpy.load(..., allow_pickle=True)` (also as the third "
                        "positional argument, and through aliases such as `np`).",
                .why = "With `allow_pickle=True`, object arrays in `.npy`/`.npz` files are "
                       "unpickled, and unpickling runs whatever code the file's author put in "
                       "it. numpy made `False` the default in 1.16.3 for that reason "
                       "(CVE-2019-6446).",
                .example = "```python\nimport numpy as np\n\ndata = np.load(path, "
                           "allow_pickle=True)\n```",
                .use_instead =
                    "Store plain numeric arrays and load them without pickle:\n\n```python\n"
                    "import numpy as np\n\ndata = np.load(path)\n```\n\nThe quick fix removes "
                    "the argument; it is never applied automatically, since files with object "
                    "arrays then fail to load.",
                .references = "- https://numpy.org/doc/stable/reference/generated/numpy.load."
                              "html\n"
                              "- https://nvd.nist.gov/vuln/detail/CVE-2019-6446\n"
                              "- https://cwe.mitre.org/data/definitions/502.html",
                .vs_bandit = "Bandit and ruff have no such check (B301 covers pickle, "
                             "pandas.read_pickle, shelve, jsonpickle and dill, not numpy).",
            },
    },
    kinds,
    check_numpy,
    callee_names,
};

extern const Rule joblib_load{
    {
        .code = "VG231",
        .name = "joblib-load",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 502,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `joblib.load(...)` (and the old `sklearn.externals.joblib.load`).",
                .why = "joblib files are pickles: loading one runs whatever code its author put "
                       "in it. A model file downloaded or uploaded from elsewhere is code.",
                .example = "```python\nimport joblib\n\nmodel = joblib.load(uploaded_path)\n```",
                .use_instead = "Load only files you made yourself, or use a format that holds "
                               "data only (skops.io with trusted types, ONNX, safetensors). No "
                               "quick fix: there is no safe drop-in.",
                .references = "- https://joblib.readthedocs.io/en/stable/persistence.html\n"
                              "- https://cwe.mitre.org/data/definitions/502.html",
                .vs_bandit = "Bandit and ruff have no such check (B301 covers pickle and its "
                             "wrappers pandas.read_pickle, shelve, jsonpickle and dill, not "
                             "joblib; torch.load is B614).",
            },
    },
    kinds,
    check_joblib,
    callee_names,
};

} // namespace vigil::analysis::rules

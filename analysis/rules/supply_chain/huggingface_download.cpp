// B615: Hugging Face Hub downloads without a pinned revision.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"from_pretrained", "load_dataset", "hf_hub_download",
                                             "snapshot_download", "repository_id"};

bool has_component(std::string_view qualified, std::string_view component) {
    std::size_t start = 0;
    while (start <= qualified.size()) {
        const std::size_t end = std::min(qualified.find('.', start), qualified.size());
        if (qualified.substr(start, end - start) == component) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

// The function when `qualified` is one of the downloads Bandit knows, else empty.
std::string_view download_function(std::string_view qualified) {
    const std::string_view function = qualified.substr(qualified.rfind('.') + 1);
    if (function == "from_pretrained") {
        return has_component(qualified, "transformers") ? function : std::string_view{};
    }
    if (function == "load_dataset") {
        return has_component(qualified, "datasets") ? function : std::string_view{};
    }
    if (function == "hf_hub_download" || function == "snapshot_download" ||
        function == "repository_id") {
        return has_component(qualified, "huggingface_hub") ? function : std::string_view{};
    }
    return {};
}

bool is_commit_hash(std::string_view value) {
    return value.size() >= 7 && std::all_of(value.begin(), value.end(),
                                            [](unsigned char c) { return std::isxdigit(c); });
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    const std::string_view function = download_function(name);
    if (function.empty()) {
        return;
    }
    for (std::string_view keyword : {"revision", "commit_id"}) {
        const TSNode value = view.keyword(keyword);
        if (ts_node_is_null(value) || syntax::node_type(value) == "none") {
            continue; // revision=None is the default branch
        }
        const auto pinned = model.string_value(value);
        if (!pinned || is_commit_hash(*pinned)) {
            return; // a hash, or chosen elsewhere (Bandit trusts that too)
        }
    }
    if (ts_node_is_null(view.keyword("revision")) && ts_node_is_null(view.keyword("commit_id")) &&
        view.has_star_kwargs) {
        return; // the revision may be in **kwargs
    }
    const TSNode local = view.keyword("local_files_only");
    if (!ts_node_is_null(local) && syntax::node_type(local) == "true") {
        return; // nothing is downloaded
    }
    // A local directory, not a Hub repository.
    const TSNode repository =
        view.argument(0, function == "from_pretrained" ? "pretrained_model_name_or_path"
                         : function == "load_dataset"  ? "path"
                                                       : "repo_id");
    if (const auto path =
            ts_node_is_null(repository) ? std::nullopt : model.string_value(repository)) {
        if (path->starts_with("./") || path->starts_with("/") || path->starts_with("../")) {
            return;
        }
    }
    context.report(view.callee, {.message = "Unsafe Hugging Face Hub download without revision "
                                            "pinning in " +
                                            std::string(function) + "()"});
}

} // namespace

extern const Rule huggingface_download{
    {
        .code = "B615",
        .name = "huggingface-unsafe-download",
        .bandit_name = "huggingface_unsafe_download",
        .ruff_code = "",
        .cwe = 494,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags Hugging Face Hub downloads (`transformers` `from_pretrained`, "
                        "`datasets.load_dataset`, `huggingface_hub.hf_hub_download` and "
                        "`snapshot_download`) that do not pin `revision=` to a commit hash.",
                .why = "Without a commit hash the download takes whatever the repository's "
                       "branch or tag holds today: whoever can push to it (or take it over) "
                       "changes the model, dataset or code you load, and model files can run "
                       "code when loaded.",
                .example = "```python\nfrom transformers import AutoModel\n\nmodel = "
                           "AutoModel.from_pretrained(\"org/model\")\n```",
                .use_instead =
                    "```python\nmodel = AutoModel.from_pretrained(\n    "
                    "\"org/model\",\n    revision=\"5d0f2e8a7f1e4c3b2a19876543210fedcba98765\","
                    "\n)\n```",
                .references = "- https://huggingface.co/docs/huggingface_hub/guides/download\n"
                              "- https://cwe.mitre.org/data/definitions/494.html",
                .vs_bandit =
                    "Same rules as Bandit (a hex `revision=`/`commit_id=` of at least 7 "
                    "characters, or a non-constant one, counts as pinned; a path starting with "
                    "`./`, `/` or `../` is local), with aliases resolved. Differences: a name "
                    "bound once to a string constant is read as that constant (Bandit takes "
                    "any name as pinned, so `revision=BRANCH` with `BRANCH = \"main\"` "
                    "passes); `local_files_only=True` (nothing is downloaded) and calls whose "
                    "revision may come in `**kwargs` are not flagged; the repository may be "
                    "given by keyword (`repo_id=`, `pretrained_model_name_or_path=`, `path=`) "
                    "for the local-path test.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

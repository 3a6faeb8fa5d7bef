// B506: yaml.load without a safe loader.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// yaml.SafeLoader, SafeLoader (imported from yaml), yaml.CSafeLoader, ... as written.
bool is_safe_loader(const SemanticModel& model, TSNode loader) {
    const std::string& name = model.qualified_name(loader);
    const std::string_view last = std::string_view(name).substr(name.rfind('.') + 1);
    return last == "SafeLoader" || last == "CSafeLoader" || last == "BaseLoader" ||
           last == "CBaseLoader";
}

// yaml.load(s) -> yaml.safe_load(s), dropping the loader argument. Safe when no loader was given
// (the intent was to read data); unsafe when the code asked for an unsafe loader explicitly.
Fix safe_load_fix(const RuleContext& context, const CallView& view, const std::string& name,
                  TSNode loader) {
    const std::string safe = name == "yaml.load" ? "safe_load" : "safe_load_all";
    Fix fix{.title = "Use yaml." + safe,
            .applicability = ts_node_is_null(loader) ? Applicability::Safe : Applicability::Unsafe,
            .edits = {}};
    const SemanticModel& model = context.model();
    if (syntax::node_type(view.callee) == "attribute") {
        fix.edits.push_back(replace_node(syntax::child_by_field(view.callee, "attribute"), safe));
    } else {
        fix.edits.push_back(replace_node(view.callee, "yaml." + safe));
        if (auto import = add_import(model, model.root(), "yaml")) {
            fix.edits.push_back(*import);
        }
    }
    if (!ts_node_is_null(loader)) {
        const TSNode keyword = keyword_argument_node(view, "Loader");
        fix.edits.push_back(
            remove_argument(ts_node_is_null(keyword) ? loader : keyword, model.text()));
    }
    return fix;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (name != "yaml.load" && name != "yaml.load_all") {
        return;
    }
    const TSNode loader = view.argument(1, "Loader");
    if (!ts_node_is_null(loader) && is_safe_loader(model, loader)) {
        return;
    }
    if (ts_node_is_null(loader) && view.has_star_kwargs) {
        return; // the loader may be in **kwargs: too uncertain to report
    }
    context.report(view.callee,
                   {.message = "Use of unsafe yaml load (" + name +
                               "). Allows instantiation of arbitrary objects. Consider "
                               "yaml.safe_load().",
                    .fixes = {safe_load_fix(context, view, name, loader)}});
}

} // namespace

extern const Rule yaml_load{
    {
        .code = "B506",
        .name = "unsafe-yaml-load",
        .bandit_name = "yaml_load",
        .ruff_code = "S506",
        .cwe = 20,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `yaml.load` and `yaml.load_all` called without a safe loader "
                        "(`SafeLoader`, `CSafeLoader`, or the even more restricted `BaseLoader`).",
                .why = "PyYAML's full and unsafe loaders build arbitrary Python objects from tags "
                       "in the document (`!!python/object/apply:os.system`), so loading an "
                       "untrusted YAML file can run code.",
                .example =
                    "```python\nimport yaml\n\nconfig = yaml.load(stream, Loader=yaml.Loader)\n```",
                .use_instead = "```python\nimport yaml\n\nconfig = yaml.safe_load(stream)\n```",
                .references = "- https://pyyaml.org/wiki/PyYAMLDocumentation\n"
                              "- https://cwe.mitre.org/data/definitions/20.html",
                .vs_bandit = "Bandit needs `import yaml` exactly, so it misses `from yaml import "
                             "load` and `yaml.load_all`; Vigil resolves imports and aliases and "
                             "flags both. Like ruff's preview, Vigil treats `BaseLoader` as safe.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

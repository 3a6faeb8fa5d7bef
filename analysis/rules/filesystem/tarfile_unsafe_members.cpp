// B202: tarfile extractall without a filter that keeps members inside the destination.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"extractall"};

enum class FilterKind { Missing, Unsafe, Safe, Custom };

// filter="data" and "tar" (and tarfile.data_filter, tarfile.tar_filter) refuse absolute paths,
// `..` and links that leave the destination; "fully_trusted" and None do not. Anything else is
// the author's own callable.
FilterKind filter_kind(const SemanticModel& model, TSNode filter) {
    if (ts_node_is_null(filter) || syntax::node_type(filter) == "none") {
        return FilterKind::Missing;
    }
    if (const auto text = model.string_value(filter)) {
        return *text == "data" || *text == "tar" ? FilterKind::Safe : FilterKind::Unsafe;
    }
    const std::string& name = model.qualified_name(filter);
    if (name == "tarfile.data_filter" || name == "tarfile.tar_filter") {
        return FilterKind::Safe;
    }
    if (name == "tarfile.fully_trusted_filter") {
        return FilterKind::Unsafe;
    }
    return FilterKind::Custom;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.method != "extractall" || !model.imports_module("tarfile")) {
        return;
    }
    // A receiver visibly made by another imported library (zipfile.ZipFile(...), say) is not a
    // tar; one made by the project's own code (self.open_archive()) may well be.
    const TSNode receiver = view.receiver;
    const TSNode made_by = bound_call(model, receiver);
    if (!ts_node_is_null(made_by)) {
        TSNode root = syntax::child_by_field(made_by, "function");
        while (!ts_node_is_null(root) && syntax::node_type(root) == "attribute") {
            root = syntax::child_by_field(root, "object");
        }
        const Binding* binding = !ts_node_is_null(root) && syntax::node_type(root) == "identifier"
                                     ? model.resolve(root)
                                     : nullptr;
        if (binding && binding->kind == Binding::Kind::Import &&
            !binding->qualified.starts_with("tarfile")) {
            return;
        }
    }
    const TSNode filter = view.keyword("filter");
    const FilterKind kind = filter_kind(model, filter);
    if (kind == FilterKind::Safe || kind == FilterKind::Custom) {
        return;
    }
    if (ts_node_is_null(filter) && view.has_star_kwargs) {
        return; // the filter may be in **kwargs
    }
    std::vector<Fix> fixes;
    if (auto edit = set_keyword_argument(view, model.text(), "filter", "\"data\"")) {
        fixes.push_back(Fix{.title = "Extract with filter=\"data\"",
                            .applicability = Applicability::Unsafe,
                            .edits = {std::move(*edit)}});
    }
    const std::string shown(model.text(view.callee));
    TSNode members = view.argument(1, "members");
    if (!ts_node_is_null(members) && syntax::node_type(members) == "none") {
        members = TSNode{};
    }
    if (ts_node_is_null(members)) {
        context.report(view.callee, {.message = shown + " used without any validation. Please "
                                                        "check and discard dangerous members.",
                                     .fixes = std::move(fixes)});
        return;
    }
    if (syntax::node_type(members) == "call") {
        const std::string function(model.text(syntax::child_by_field(members, "function")));
        context.report(view.callee, {.message = "Usage of " + shown + "(members=" + function +
                                                "(...)). Make sure " + function +
                                                " properly discards dangerous members.",
                                     .severity = Level::Low,
                                     .confidence = Level::Low,
                                     .fixes = std::move(fixes)});
        return;
    }
    context.report(view.callee, {.message = "Found " + shown +
                                            "(members=...) but couldn't identify the type of "
                                            "members. Check if the members were properly "
                                            "validated.",
                                 .severity = Level::Medium,
                                 .confidence = Level::Medium,
                                 .fixes = std::move(fixes)});
}

} // namespace

extern const Rule tarfile_unsafe_members{
    {
        .code = "B202",
        .name = "tarfile-unsafe-members",
        .bandit_name = "tarfile_unsafe_members",
        .ruff_code = "S202",
        .cwe = 22,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `.extractall()` in a module that imports `tarfile`, unless it "
                        "passes `filter=\"data\"` or `filter=\"tar\"` (or "
                        "`tarfile.data_filter`/`tarfile.tar_filter`, or a filter function of its "
                        "own). HIGH without `members=`; MEDIUM with a `members=` value; LOW when "
                        "`members=` is computed by a function call, which may validate them.",
                .why = "A tar archive can hold members named `../../etc/cron.d/job` or "
                       "`/home/user/.ssh/authorized_keys`, or links pointing outside the "
                       "destination: extracting an untrusted archive without a filter writes "
                       "files anywhere the process may (path traversal).",
                .example = "```python\nimport tarfile\n\nwith tarfile.open(upload) as archive:\n"
                           "    archive.extractall(destination)\n```",
                .use_instead = "```python\nimport tarfile\n\nwith tarfile.open(upload) as "
                               "archive:\n    archive.extractall(destination, "
                               "filter=\"data\")\n```\n\n`filter=` exists since Python 3.12 "
                               "(backported to 3.8.17+, 3.9.17+, 3.10.12+, 3.11.4+); 3.14 makes "
                               "`\"data\"` the default. The quick fix (offered, never applied "
                               "automatically: `\"data\"` refuses some archives a program may "
                               "rely on) adds `filter=\"data\"`.",
                .references =
                    "- https://docs.python.org/3/library/tarfile.html#extraction-filters\n"
                    "- https://peps.python.org/pep-0706/\n"
                    "- https://cwe.mitre.org/data/definitions/22.html",
                .vs_bandit =
                    "Same severities and confidences as Bandit. Vigil also accepts "
                    "`filter=\"tar\"` and the filter functions (both refuse paths outside the "
                    "destination), and a filter callable of the project's own; Bandit accepts "
                    "only `filter=\"data\"`. Vigil skips receivers visibly made by another "
                    "library (`zipfile.ZipFile(...)`), which Bandit flags when the file also "
                    "imports tarfile, reads `members` given positionally, treats `members=None` "
                    "as absent, and does not crash on `members=obj.method(...)` (Bandit raises an "
                    "internal error there and reports nothing). It also sees `from tarfile "
                    "import open`, where Bandit needs `import tarfile`.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

// VG240: archive members extracted by hand (a loop over namelist()/infolist()/getmembers() or
// the archive, calling extract(member) or open(os.path.join(dest, member...), "w")) with no check
// in the loop that the path stays inside the destination.
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"for_statement"};

bool is_archive_maker(const std::string& name) {
    return name == "zipfile.ZipFile" || name == "tarfile.open" || name == "tarfile.TarFile" ||
           name == "tarfile.TarFile.open" || name == "tarfile.TarFile.taropen";
}

enum class Archive { None, Zip, Tar };

// What a loop iterates the members of: a zip (namelist(), infolist()), a tar (getmembers(),
// getnames(), the TarFile itself), or nothing of the kind.
Archive iterated_archive(const SemanticModel& model, TSNode iterable) {
    if (node_type(iterable) == "call") {
        const TSNode callee = child_by_field(iterable, "function");
        if (model.method_name(callee).empty()) {
            return Archive::None;
        }
        const std::string_view method = model.method_name(callee);
        if (method == "namelist" || method == "infolist") {
            return Archive::Zip;
        }
        if (method == "getmembers" || method == "getnames") {
            return Archive::Tar;
        }
        return Archive::None;
    }
    const TSNode made_by = bound_call(model, iterable);
    if (!ts_node_is_null(made_by)) {
        const std::string maker = model.qualified_name(child_by_field(made_by, "function"));
        if (is_archive_maker(maker) && maker.starts_with("tarfile.")) {
            return Archive::Tar;
        }
    }
    return Archive::None;
}

// Whether an expression uses the loop variable `name`, also through a name assigned from it
// (`target = os.path.join(dest, info.filename)`).
bool mentions(const SemanticModel& model, TSNode node, std::string_view name, int depth = 0) {
    if (node_type(node) == "identifier") {
        if (model.text(node) == name) {
            return true;
        }
        const Binding* binding = depth < 3 ? model.resolve(node) : nullptr;
        return binding && binding->kind == Binding::Kind::Assignment &&
               !ts_node_is_null(binding->value) && mentions(model, binding->value, name, depth + 1);
    }
    for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
        if (mentions(model, syntax::named_child(node, i), name, depth)) {
            return true;
        }
    }
    return false;
}

// A loop body that checks paths: realpath/abspath/resolve with startswith/commonpath/
// is_relative_to, a test for "..", isabs, or a helper named like a safety check.
bool checks_paths(std::string_view body) {
    static constexpr std::array<std::string_view, 11> guards = {
        "realpath", "abspath", "commonpath", "is_relative_to", "startswith", "\"..\"",
        "'..'",     "isabs",   "safe",       "within",         "relative_to"};
    for (std::string_view guard : guards) {
        if (body.find(guard) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

// The first call in `node` that writes the member `name` out: archive.extract(member, ...)
// (a tar extract with filter= is safe), or open(<path built from member>, "w"/"wb"/"x"/"a").
// zipfile's extract() cleans member names itself, so only a tar's counts.
TSNode unsafe_write(const SemanticModel& model, TSNode node, std::string_view name,
                    Archive archive) {
    if (node_type(node) == "call") {
        const CallView& view = model.call(node);
        if (archive == Archive::Tar && view.method == "extract" &&
            !ts_node_is_null(view.argument(0, "member")) &&
            mentions(model, view.argument(0, "member"), name) &&
            ts_node_is_null(view.keyword("filter"))) {
            return view.callee;
        }
        if (model.calls_builtin(view, "open")) {
            const TSNode path = view.argument(0, "file");
            const auto mode = model.string_value(view.argument(1, "mode"));
            if (!ts_node_is_null(path) && mentions(model, path, name) && mode &&
                mode->find_first_of("wxa") != std::string::npos) {
                return view.callee;
            }
        }
    }
    for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
        const TSNode found = unsafe_write(model, syntax::named_child(node, i), name, archive);
        if (!ts_node_is_null(found)) {
            return found;
        }
    }
    return TSNode{};
}

void check(TSNode loop, RuleContext& context) {
    const SemanticModel& model = context.model();
    const TSNode left = child_by_field(loop, "left");
    const TSNode body = child_by_field(loop, "body");
    if (ts_node_is_null(left) || ts_node_is_null(body) || node_type(left) != "identifier") {
        return;
    }
    const Archive archive = iterated_archive(model, child_by_field(loop, "right"));
    if (archive == Archive::None || checks_paths(model.text(body))) {
        return;
    }
    const std::string_view member = model.text(left);
    const TSNode write = unsafe_write(model, body, member, archive);
    if (ts_node_is_null(write)) {
        return;
    }
    context.report(write, {.message = "Archive member '" + std::string(member) +
                                      "' written without checking that its path stays inside "
                                      "the destination"});
}

} // namespace

extern const Rule zip_slip{
    {
        .code = "VG240",
        .name = "zip-slip",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 22,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a loop over a `zipfile.ZipFile`'s or `tarfile`'s members "
                        "(`namelist()`, `infolist()`, `getmembers()`, `getnames()`, or the tar "
                        "itself) that calls a tar's `extract(member, ...)` without `filter=` "
                        "(zipfile's `extract` cleans names itself) or `open(<path built from the "
                        "member>, "
                        "\"w\"...)`, when nothing in the loop checks the path "
                        "(`os.path.realpath`/`abspath` with `startswith`/`commonpath`, "
                        "`Path.resolve().is_relative_to`, a test for `..` or `isabs`, or a "
                        "helper named like `is_safe`/`is_within_directory`).",
                .why = "Member names come from whoever made the archive: `../../etc/cron.d/x` "
                       "or `/home/user/.bashrc` joined to the destination writes outside it "
                       "(\"zip slip\"). `zipfile`'s own `extract` cleans names, but `tarfile`'s "
                       "does not without a filter, and a path built by hand never is.",
                .example = "```python\nimport os\nimport zipfile\n\nwith zipfile.ZipFile(path) "
                           "as archive:\n    for name in archive.namelist():\n        with "
                           "open(os.path.join(dest, name), \"wb\") as out:\n            "
                           "out.write(archive.read(name))\n```",
                .use_instead =
                    "```python\nimport os\nimport zipfile\n\nroot = os.path.realpath(dest)\nwith "
                    "zipfile.ZipFile(path) as archive:\n    for name in archive.namelist():\n"
                    "        target = os.path.realpath(os.path.join(root, name))\n        if "
                    "os.path.commonpath([root, target]) != root:\n            raise "
                    "ValueError(f\"unsafe member {name!r}\")\n        with open(target, "
                    "\"wb\") as out:\n            out.write(archive.read(name))\n```\n\nFor "
                    "tar, `tar.extract(member, dest, filter=\"data\")`. No quick fix: the check "
                    "belongs in the author's loop.",
                .references = "- https://security.snyk.io/research/zip-slip-vulnerability\n"
                              "- https://docs.python.org/3/library/tarfile.html#extraction-"
                              "filters\n"
                              "- https://cwe.mitre.org/data/definitions/22.html",
                .vs_bandit = "Bandit and ruff have no such check: B202 (S202) looks only at "
                             "`tarfile`'s `extractall`.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

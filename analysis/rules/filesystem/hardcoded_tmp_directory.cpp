// B108: hard-coded paths in shared temporary directories (/tmp, /var/tmp, /dev/shm).
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"string"};

// The literal text a string starts with, up to its first interpolation or escape; nullopt for
// byte strings.
std::optional<std::string_view> leading_text(const SemanticModel& model, TSNode string) {
    if (const auto plain = syntax::plain_string(string, model.text())) {
        if (plain->is_bytes()) {
            return std::nullopt;
        }
        return plain->body; // one content part, or none
    }
    const uint32_t count = syntax::child_count(string);
    if (count < 2) {
        return std::nullopt;
    }
    const TSNode start = syntax::child(string, 0);
    const std::string_view opening = model.text(start);
    if (opening.find_first_of("bB") != std::string_view::npos) {
        return std::nullopt;
    }
    const TSNode first = syntax::child(string, 1);
    if (syntax::node_type(first) != "string_content") {
        return std::string_view{};
    }
    return model.text(first);
}

// Uses that do not create anything there: tempfile's own `dir=` argument (it picks a safe name
// inside), comparisons and prefix tests (code checking whether a path is in /tmp).
bool is_harmless_use(const SemanticModel& model, TSNode string) {
    TSNode parent = syntax::parent(string);
    if (ts_node_is_null(parent)) {
        return true;
    }
    std::string_view type = syntax::node_type(parent);
    if (type == "expression_statement") {
        return true; // a docstring or a bare string: never used (Bandit skips these too)
    }
    if (type == "comparison_operator") {
        return true;
    }
    if (type == "keyword_argument") {
        parent = syntax::parent(parent);
        type = ts_node_is_null(parent) ? std::string_view{} : syntax::node_type(parent);
    }
    if (type != "argument_list") {
        return false;
    }
    const TSNode call = syntax::parent(parent);
    if (ts_node_is_null(call) || syntax::node_type(call) != "call") {
        return false;
    }
    const TSNode callee = syntax::child_by_field(call, "function");
    const std::string& name = model.qualified_name(callee);
    if (name.starts_with("tempfile.")) {
        return true;
    }
    if (const std::string_view method = model.method_name(callee); !method.empty()) {
        return method == "startswith" || method == "endswith" || method == "removeprefix" ||
               method == "relative_to" || method == "is_relative_to";
    }
    return false;
}

void check(TSNode string, RuleContext& context) {
    const SemanticModel& model = context.model();
    const auto text = leading_text(model, string);
    if (!text || text->empty()) {
        return;
    }
    for (const std::string& directory : context.options().tmp_dirs) {
        if (directory.empty() || text->substr(0, directory.size()) != directory) {
            continue;
        }
        // "/tmp" and "/tmp/x", not "/tmpfiles" or "/tmp_backup".
        const bool at_boundary = text->size() == directory.size() || directory.back() == '/' ||
                                 (*text)[directory.size()] == '/';
        if (!at_boundary) {
            continue;
        }
        // Inside an f-string or concatenation, the string node is a part: look at the whole.
        TSNode whole = string;
        const TSNode parent = syntax::parent(string);
        if (!ts_node_is_null(parent) && syntax::node_type(parent) == "concatenated_string") {
            if (!ts_node_eq(syntax::named_child(parent, 0), string)) {
                return;
            }
            whole = parent;
        }
        if (is_harmless_use(model, whole)) {
            return;
        }
        context.report(string, {.message = "Probable insecure usage of temp file/directory (" +
                                           directory + ")."});
        return;
    }
}

} // namespace

extern const Rule hardcoded_tmp_directory{
    {
        .code = "B108",
        .name = "hardcoded-temp-file",
        .bandit_name = "hardcoded_tmp_directory",
        .ruff_code = "S108",
        .cwe = 377,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags string literals that start with a shared temporary directory "
                        "(`/tmp`, `/var/tmp`, `/dev/shm`; the `tmp-dirs` option, or Bandit's "
                        "`hardcoded_tmp_directory.tmp_dirs`), such as `\"/tmp/report.csv\"` or "
                        "`f\"/tmp/{name}\"`.",
                .why = "Every user of the machine can create files in these directories. A "
                       "predictable name there can be created first by someone else, as a file "
                       "they can read or as a symbolic link to a file of yours that you then "
                       "overwrite (insecure temporary file, CWE-377).",
                .example = "```python\nwith open(\"/tmp/report.csv\", \"w\") as out:\n"
                           "    out.write(data)\n```",
                .use_instead = "Let `tempfile` choose an unpredictable name and create the file "
                               "atomically:\n\n```python\nimport tempfile\n\nwith "
                               "tempfile.NamedTemporaryFile(\"w\", suffix=\".csv\", "
                               "delete=False) as out:\n    out.write(data)\n```\n\nThere is no "
                               "quick fix: the path is usually shared with other code.",
                .references = "- https://docs.python.org/3/library/tempfile.html\n"
                              "- https://cwe.mitre.org/data/definitions/377.html",
                .vs_bandit = "Bandit flags any string that starts with the directory, also "
                             "`\"/tmpfiles\"`, and any literal part of an f-string "
                             "(`f\"{root}/tmp/x\"`). Vigil needs the directory itself or a path "
                             "inside it at the start of the string, and, like ruff, leaves out "
                             "arguments of `tempfile` functions (`tempfile.mkstemp(dir=\"/tmp\")` "
                             "creates a safe name), comparisons (`path == \"/tmp\"`) and prefix "
                             "tests (`path.startswith(\"/tmp/\")`), which create nothing.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

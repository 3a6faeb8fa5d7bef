// VG242 (opt-in): text files opened without an encoding, which then depends on the locale:
// open(), io.open(), Path.open(), Path.read_text(), Path.write_text().
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (view.has_star_kwargs) {
        return; // **kwargs may carry the encoding
    }
    TSNode mode{};
    TSNode encoding{};
    std::string what;
    const std::string name = model.qualified_name(view.callee);
    const std::string_view method = view.method;
    if (model.calls_builtin(view, "open") || name == "io.open") {
        if (view.has_star_args) {
            return;
        }
        mode = view.argument(1, "mode");
        encoding = view.argument(3, "encoding");
        what = "open()";
    } else if (method == "read_text" && !name.starts_with("os.")) {
        encoding = view.argument(0, "encoding");
        what = "read_text()";
    } else if (method == "write_text") {
        encoding = view.argument(1, "encoding");
        what = "write_text()";
    } else if (method == "open" && name.find("pathlib.") == 0) {
        mode = view.argument(0, "mode");
        encoding = view.argument(2, "encoding");
        what = "Path.open()";
    } else if (method == "open" && node_type(view.receiver) == "call" &&
               model.qualified_name(child_by_field(view.receiver, "function"))
                   .starts_with("pathlib.")) {
        mode = view.argument(0, "mode"); // Path(p).open("w")
        encoding = view.argument(2, "encoding");
        what = "Path.open()";
    } else {
        return;
    }
    if (!ts_node_is_null(encoding)) {
        return;
    }
    if (!ts_node_is_null(mode)) {
        const auto text = model.string_value(mode);
        if (!text || text->find('b') != std::string::npos) {
            return; // binary, or a mode only known at run time
        }
    }
    std::vector<Fix> fixes;
    if (auto edit = add_argument(view, model.text(), "encoding=\"utf-8\"")) {
        fixes.push_back(Fix{.title = "Add encoding=\"utf-8\"",
                            .applicability = Applicability::Unsafe,
                            .edits = {std::move(*edit)}});
    }
    context.report(view.callee, {.message = what + " in text mode without encoding=: the "
                                                   "locale decides how the file is read",
                                 .fixes = std::move(fixes)});
}

} // namespace

extern const Rule open_without_encoding{
    {
        .code = "VG242",
        .name = "open-without-encoding",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 838,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileOptIn,
        .doc =
            {
                .what = "Flags text files opened without `encoding=`: `open(path)`, `open(path, "
                        "\"r\"/\"w\"/\"a\"/\"rt\"...)`, `io.open`, `Path.open`, "
                        "`Path.read_text()` and `Path.write_text(data)`. Binary modes, modes "
                        "known only at run time and calls with `**kwargs` are left alone. "
                        "Opt-in: it runs only when selected by its code (`--select VG242`); "
                        "editors show its findings as hints.",
                .why = "Without an encoding Python uses the locale's (cp1252 on many Windows "
                       "machines, ASCII in minimal containers before Python 3.7's UTF-8 "
                       "coercion): the same file then reads differently, or fails, depending on "
                       "where the code runs, and text written on one machine is mojibake on "
                       "another. Validation done on decoded text can be bypassed when the "
                       "decoding differs.",
                .example = "```python\nwith open(path) as f:\n    config = f.read()\n```",
                .use_instead = "```python\nwith open(path, encoding=\"utf-8\") as f:\n    config "
                               "= f.read()\n```\n\nThe quick fix adds `encoding=\"utf-8\"`; it "
                               "is never applied automatically, since it changes behaviour where "
                               "the locale is not UTF-8 and files written in it may not be "
                               "UTF-8.",
                .references = "- https://peps.python.org/pep-0597/\n"
                              "- https://docs.python.org/3/library/functions.html#open\n"
                              "- https://cwe.mitre.org/data/definitions/838.html",
                .vs_bandit = "Bandit has no such check. ruff's PLW1514 (pylint's W1514, "
                             "unspecified-encoding) is the same check; here it is opt-in and "
                             "low severity, since it is about portability more than security.",
            },
        .editor_hint = true,
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

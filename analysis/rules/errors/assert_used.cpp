// B101: assert statements, which `python -O` removes.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"assert_statement"};

// Files where asserts are expected: the configured skips, else the profile's (tests in the
// default profile, none in the bandit profile, as in Bandit).
bool skipped(const RuleContext& context) {
    const auto& configured = context.options().assert_skips;
    static const std::vector<std::string> none;
    const std::vector<std::string>& globs =
        configured ? *configured
                   : (context.profile() == ProfileName::Default ? default_assert_skips : none);
    // "tests/test_x.py" as scanned from the project root is inside a "*/tests/*" directory too.
    std::string path(context.path());
    if (!path.empty() && path.front() != '/') {
        path.insert(0, "/");
    }
    for (const std::string& glob : globs) {
        if (path_matches_glob(path, glob)) {
            return true;
        }
    }
    return false;
}

// Inside `if TYPE_CHECKING:`, code never runs: neither does the assert (ruff skips these too).
bool only_for_type_checkers(const SemanticModel& model, TSNode statement) {
    TSNode child = statement;
    for (TSNode parent = syntax::parent(child); !ts_node_is_null(parent);
         child = parent, parent = syntax::parent(parent)) {
        if (syntax::node_type(parent) != "if_statement" ||
            !ts_node_eq(syntax::child_by_field(parent, "consequence"), child)) {
            continue;
        }
        const std::string condition =
            model.qualified_name(syntax::child_by_field(parent, "condition"));
        if (condition == "TYPE_CHECKING" || condition == "typing.TYPE_CHECKING" ||
            condition == "typing_extensions.TYPE_CHECKING") {
            return true;
        }
    }
    return false;
}

// Expressions that `not` binds less tightly than, so `not <expression>` needs no parentheses.
bool binds_tighter_than_not(std::string_view type) {
    return type == "identifier" || type == "attribute" || type == "call" || type == "subscript" ||
           type == "comparison_operator" || type == "parenthesized_expression" || type == "true" ||
           type == "false" || type == "none";
}

// `assert cond, msg` -> `if not cond:\n    raise AssertionError(msg)`, when the assert is a line of
// its own (not after a `;`, not the body of a one-line `if x: assert y`).
std::optional<Fix> raise_fix(const RuleContext& context, TSNode statement) {
    const std::string_view text = context.model().text();
    const std::size_t start = ts_node_start_byte(statement);
    const std::size_t line_start = text.rfind('\n', start == 0 ? 0 : start - 1);
    const std::size_t indent_start =
        line_start == std::string_view::npos || start == 0 ? 0 : line_start + 1;
    const std::string_view indent = text.substr(indent_start, start - indent_start);
    if (indent.find_first_not_of(" \t") != std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t end = ts_node_end_byte(statement);
    const std::size_t line_end = text.find('\n', end);
    const std::string_view rest =
        text.substr(end, (line_end == std::string_view::npos ? text.size() : line_end) - end);
    const std::size_t next = rest.find_first_not_of(" \t\r");
    if (next != std::string_view::npos && rest[next] != '#') {
        return std::nullopt;
    }
    const TSNode condition = syntax::named_child(statement, 0);
    if (ts_node_is_null(condition) || ts_node_has_error(statement)) {
        return std::nullopt;
    }
    const std::string condition_text(context.text(condition));
    const std::string negated = binds_tighter_than_not(syntax::node_type(condition))
                                    ? "not " + condition_text
                                    : "not (" + condition_text + ")";
    std::string message;
    if (syntax::named_child_count(statement) > 1) {
        const TSNode last =
            syntax::named_child(statement, syntax::named_child_count(statement) - 1);
        if (syntax::node_type(last) != "comment") {
            message = std::string(context.text(last));
        }
    }
    const std::string step = indent.find('\t') != std::string_view::npos ? "\t" : "    ";
    const std::string replacement = "if " + negated + ":\n" + std::string(indent) + step +
                                    "raise AssertionError" +
                                    (message.empty() ? "" : "(" + message + ")");
    return Fix{.title = "Raise AssertionError explicitly",
               .applicability = Applicability::Unsafe,
               .edits = {replace_node(statement, replacement)}};
}

void check(TSNode statement, RuleContext& context) {
    if (skipped(context) || (context.profile() == ProfileName::Default &&
                             only_for_type_checkers(context.model(), statement))) {
        return;
    }
    std::vector<Fix> fixes;
    if (auto fix = raise_fix(context, statement)) {
        fixes.push_back(std::move(*fix));
    }
    context.report(syntax::child(statement, 0),
                   {.message = "Use of assert detected. The enclosed code will be removed when "
                               "compiling to optimised byte code.",
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule assert_used{
    {
        .code = "B101",
        .name = "assert",
        .bandit_name = "assert_used",
        .ruff_code = "S101",
        .cwe = 703,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what =
                    "Flags `assert` statements outside test files. In the default profile, "
                    "files matching the `assert-skips` globs (by default `*_test.py`, "
                    "`test_*.py`, `*/tests/*`, `*/test/*`, `conftest.py`) are skipped; in "
                    "the bandit profile every file is checked unless skips are configured "
                    "(`assert-skips` in `[tool.vigil.options]`, or Bandit's "
                    "`[tool.bandit.assert_used] skips`). The default profile also skips asserts "
                    "under `if TYPE_CHECKING:`.",
                .why = "Python removes `assert` statements when run with `-O` or "
                       "`PYTHONOPTIMIZE`, so a permission or input check written as an assert "
                       "silently disappears in an optimised deployment.",
                .example = "```python\ndef delete(user, item):\n    assert user.is_admin, "
                           "\"forbidden\"\n    item.delete()\n```",
                .use_instead = "```python\ndef delete(user, item):\n    if not user.is_admin:\n"
                               "        raise PermissionError(\"forbidden\")\n    "
                               "item.delete()\n```\n\nThe quick fix (offered, never applied "
                               "automatically) rewrites the assert as `if not ...: raise "
                               "AssertionError(...)`; a more specific exception is better still.",
                .references = "- https://docs.python.org/3/reference/simple_stmts.html"
                              "#the-assert-statement\n"
                              "- https://cwe.mitre.org/data/definitions/703.html",
                .vs_bandit = "In the bandit profile, the same as Bandit (every assert, unless "
                             "the file matches configured skips). The default profile leaves out "
                             "test files, where asserts are how tests are written, instead of "
                             "needing a per-project skip list, and, like ruff, asserts under `if "
                             "TYPE_CHECKING:`, which never run.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

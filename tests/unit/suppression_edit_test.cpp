#include "analysis/analyzer.hpp"
#include "analysis/fixes.hpp"
#include "analysis/suppression_edit.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace vigil;
using analysis::SuppressionStyle;

namespace {

// The text after suppressing `code` at the first occurrence of `marker`.
std::string suppressed(const std::string& text, std::string_view marker, SuppressionStyle style,
                       std::string_view ruff_code = "S602") {
    auto parser = syntax::make_python_parser();
    auto tree = syntax::parse_python(parser.get(), text);
    const auto edit =
        analysis::suppression_edit(text, tree.get(), {text.find(marker), "B602", ruff_code, style});
    if (!edit) {
        return "<none>";
    }
    return analysis::apply_edits(text, {*edit});
}

} // namespace

TEST_CASE("a suppression comment is appended to the line where the finding starts") {
    CHECK(suppressed("run(c, shell=True)\nx = 1\n", "run", SuppressionStyle::Nosec) ==
          "run(c, shell=True)  # nosec B602\nx = 1\n");
    CHECK(suppressed("run(c, shell=True)\r\n", "run", SuppressionStyle::Vigil) ==
          "run(c, shell=True)  # vigil: ignore[B602]\r\n");
    CHECK(suppressed("run(c, shell=True)", "run", SuppressionStyle::Noqa) ==
          "run(c, shell=True)  # noqa: S602");
    CHECK(suppressed("run(c, shell=True)", "run", SuppressionStyle::Noqa, "") ==
          "run(c, shell=True)  # nosec B602");
}

TEST_CASE("an existing nosec comment is extended, not duplicated") {
    CHECK(suppressed("run(c, shell=True)  # nosec B607\n", "run", SuppressionStyle::Nosec) ==
          "run(c, shell=True)  # nosec B607, B602\n");
    CHECK(suppressed("run(c, shell=True)  # nosec: B607 # reviewed\n", "run",
                     SuppressionStyle::Nosec) ==
          "run(c, shell=True)  # nosec: B607, B602 # reviewed\n");
    CHECK(suppressed("run(c, shell=True)  # nosec\n", "run", SuppressionStyle::Nosec) == "<none>");
    CHECK(suppressed("run(c, shell=True)  # type: ignore\n", "run", SuppressionStyle::Nosec) ==
          "run(c, shell=True)  # type: ignore # nosec B602\n");
}

TEST_CASE("a finding inside a multi-line string gets its comment after the string") {
    const std::string text = "q = f\"\"\"SELECT {a}\nFROM t\"\"\"\nz = 1\n";
    CHECK(suppressed(text, "SELECT", SuppressionStyle::Nosec) ==
          "q = f\"\"\"SELECT {a}\nFROM t\"\"\"  # nosec B602\nz = 1\n");
}

TEST_CASE("a '#' inside a string is not taken for a comment") {
    CHECK(suppressed("run(\"a # nosec\", shell=True)\n", "run", SuppressionStyle::Nosec) ==
          "run(\"a # nosec\", shell=True)  # nosec B602\n");
}

TEST_CASE("a line continued with a backslash gets its comment at the end of the logical line",
          "[suppression]") {
    // A comment after the backslash is a SyntaxError; the last physical line takes it.
    auto parses = [](const std::string& text) {
        auto parser = syntax::make_python_parser();
        auto tree = syntax::parse_python(parser.get(), text);
        return !ts_node_has_error(ts_tree_root_node(tree.get()));
    };
    const std::string text = "x = run(c, \\\n        shell=True) + \\\n    1\ny = 2\n";
    const std::pair<SuppressionStyle, std::string> styles[] = {
        {SuppressionStyle::Nosec, "# nosec B602"},
        {SuppressionStyle::Noqa, "# noqa: S602"},
        {SuppressionStyle::Vigil, "# vigil: ignore[B602]"}};
    for (const auto& [style, comment] : styles) {
        const std::string result = suppressed(text, "run", style);
        CHECK(result == "x = run(c, \\\n        shell=True) + \\\n    1  " + comment + "\ny = 2\n");
        CHECK(parses(result));
    }
    CHECK(suppressed("run(c, \\\r\n    shell=True)\r\n", "run", SuppressionStyle::Nosec) ==
          "run(c, \\\r\n    shell=True)  # nosec B602\r\n");
    CHECK(
        suppressed("run(c, \\\n    shell=True)  # nosec B607\n", "run", SuppressionStyle::Nosec) ==
        "run(c, \\\n    shell=True)  # nosec B607, B602\n");
    // And it suppresses: the comment is on a line of the statement.
    const std::string call =
        "import subprocess\nsubprocess.run(c, \\\n               shell=True)\n";
    const std::string fixed = suppressed(call, "subprocess.run", SuppressionStyle::Nosec);
    auto parser = syntax::make_python_parser();
    for (const auto& [source, count] : {std::pair{call, 1u}, std::pair{fixed, 0u}}) {
        auto tree = syntax::parse_python(parser.get(), source);
        const auto findings = analysis::analyze(source, tree.get(), "app.py", analysis::Config{});
        CHECK(std::count_if(findings.begin(), findings.end(),
                            [](const analysis::Finding& f) { return f.code == "B602"; }) == count);
    }
    // A backslash inside a string or a comment continues nothing.
    CHECK(suppressed("run('a\\\\', shell=True)\nz = 1\n", "run", SuppressionStyle::Nosec) ==
          "run('a\\\\', shell=True)  # nosec B602\nz = 1\n");
}

#include "analysis/fixes.hpp"
#include "analysis/suppression_edit.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

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

#include "analysis/fixes.hpp"

#include <catch2/catch.hpp>

using namespace vigil::analysis;

namespace {

Finding with_fix(Applicability applicability, std::vector<TextEdit> edits) {
    Finding finding;
    finding.fixes.push_back(Fix{"fix", applicability, std::move(edits)});
    return finding;
}

} // namespace

TEST_CASE("apply_edits applies edits given in any order against the original text") {
    const std::string text = "import os\nx = eval(s)\ny = eval(t)\n";
    const std::vector<TextEdit> edits = {
        {26, 30, "ast.literal_eval"}, // second eval
        {14, 18, "ast.literal_eval"}, // first eval
        {0, 0, "import ast\n"},
    };
    CHECK(apply_edits(text, edits) ==
          "import ast\nimport os\nx = ast.literal_eval(s)\ny = ast.literal_eval(t)\n");
}

TEST_CASE("merge_safe_fixes keeps shared edits once, drops overlapping and unsafe fixes") {
    const std::vector<Finding> findings = {
        with_fix(Applicability::Safe, {{14, 18, "A"}, {0, 0, "import ast\n"}}),
        with_fix(Applicability::Safe, {{26, 30, "B"}, {0, 0, "import ast\n"}}),
        with_fix(Applicability::Safe, {{15, 20, "overlaps the first"}}),
        with_fix(Applicability::Unsafe, {{40, 41, "unsafe"}}),
        Finding{}, // no fix at all
    };
    const auto merged = merge_safe_fixes(findings);
    REQUIRE(merged.size() == 3);
    CHECK(merged[0] == TextEdit{0, 0, "import ast\n"});
    CHECK(merged[1] == TextEdit{14, 18, "A"});
    CHECK(merged[2] == TextEdit{26, 30, "B"});
}

TEST_CASE("two different insertions at one point conflict") {
    const std::vector<Finding> findings = {
        with_fix(Applicability::Safe, {{5, 5, "x"}}),
        with_fix(Applicability::Safe, {{5, 5, "y"}}),
    };
    CHECK(merge_safe_fixes(findings) == std::vector<TextEdit>{{5, 5, "x"}});
}

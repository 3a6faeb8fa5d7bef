// Severity and confidence of findings whose level depends on what matched (the fixtures check
// codes and lines only).
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

using namespace vigil;
using analysis::Level;

namespace {

struct LevelCase {
    std::string code;
    std::string input;
    Level severity;
    Level confidence;
};

} // namespace

TEST_CASE("findings carry the severity and confidence of what matched") {
    const std::vector<LevelCase> cases = {
        {"B602", "import subprocess\nsubprocess.run(\"ls\", shell=True)\n", Level::Low,
         Level::High},
        {"B602", "import subprocess\nsubprocess.run(c, shell=True)\n", Level::High, Level::High},
        {"B605", "import os\nos.system(\"ls\")\n", Level::Low, Level::High},
        {"B605", "import os\nos.system(c)\n", Level::High, Level::High},
        {"B601", "import paramiko\nclient.exec_command(\"uptime\")\n", Level::Low, Level::Medium},
        {"B601", "import paramiko\nclient.exec_command(c)\n", Level::Medium, Level::Medium},
        {"B604", "run(c, shell=True)\n", Level::Medium, Level::Low},
        {"B608", "cursor.execute(\"SELECT * FROM t WHERE a = \" + a)\n", Level::Medium,
         Level::Medium},
        {"B608", "q = f\"SELECT * FROM t WHERE a = {a}\"\ncursor.execute(q)\n", Level::Medium,
         Level::Medium},
        {"B608", "q = f\"SELECT * FROM t WHERE a = {a}\"\nprint(q)\n", Level::Medium, Level::Low},
        {"B608", "cursor.execute(\"SELECT * FROM t WHERE a = 'X'\".replace(\"X\", a))\n",
         Level::Medium, Level::Low},
        {"B609", "import os\nos.system(\"tar cf a.tar *\")\n", Level::High, Level::Medium},
        {"B613", "# \xe2\x80\xae\n", Level::High, Level::Medium},
    };
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.profile = analysis::ProfileName::Bandit;
    for (const LevelCase& level_case : cases) {
        INFO(level_case.input);
        const auto tree = syntax::parse_python(parser.get(), level_case.input);
        const auto findings = analysis::analyze(level_case.input, tree.get(), "t.py", config);
        const auto found = std::find_if(findings.begin(), findings.end(),
                                        [&](const auto& f) { return f.code == level_case.code; });
        REQUIRE(found != findings.end());
        CHECK(found->severity == level_case.severity);
        CHECK(found->confidence == level_case.confidence);
    }
}

TEST_CASE("a concatenation chain tens of thousands long does not exhaust the stack") {
    std::string text = "q = \"SELEKT * FROM t WHERE a = \"";
    for (int i = 0; i < 50000; ++i) {
        text += " + x";
    }
    text += "\n";
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.select = {"B608"};
    const auto tree = syntax::parse_python(parser.get(), text);
    CHECK(analysis::analyze(text, tree.get(), "t.py", config).empty());
}

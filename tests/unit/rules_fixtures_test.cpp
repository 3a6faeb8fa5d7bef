// Runs every rule fixture under tests/fixtures/rules/: each line's expected codes are written on
// it as "# expect: B602, B607"; any missing or extra finding fails, naming file and line.
#include "analysis/analyzer.hpp"
#include "analysis/dependencies/requirements.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"

#include "tests/unit/fixture_expectations.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace vigil;

namespace {

using test::expectations;
using test::read_file;

// The selectors of a "# rules: B307, B602" line, if the fixture has one.
std::vector<std::string> fixture_rules(const std::string& text) {
    std::vector<std::string> rules;
    const std::size_t marker = text.find("# rules:");
    if (marker == std::string::npos) {
        return rules;
    }
    std::string list = text.substr(marker + 8, text.find('\n', marker) - marker - 8);
    for (char& c : list) {
        if (c == ',') {
            c = ' ';
        }
    }
    std::istringstream words(list);
    for (std::string word; words >> word;) {
        rules.push_back(word);
    }
    return rules;
}

std::vector<fs::path> fixture_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(VIGIL_FIXTURES_DIR "/rules")) {
        if (entry.path().extension() == ".py") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST_CASE("every rule fixture produces exactly the findings written on its lines") {
    auto parser = syntax::make_python_parser();
    analysis::Config config;
    config.profile = analysis::ProfileName::Bandit;
    const auto files = fixture_files();
    REQUIRE_FALSE(files.empty());
    for (const fs::path& path : files) {
        const std::string text = read_file(path);
        const auto expected = expectations(text);
        // Each fixture runs the rules it is about: those named by a "# rules: ..." line, else
        // those it expects somewhere. (An import in one rule's fixture is not a finding of it.)
        analysis::Config file_config = config;
        file_config.select = fixture_rules(text);
        for (const auto& [line, codes] : expected) {
            if (!file_config.select.empty() && text.find("# rules:") != std::string::npos) {
                break;
            }
            file_config.select.insert(file_config.select.end(), codes.begin(), codes.end());
        }
        INFO(path.filename().string() << " runs " << file_config.select.size() << " selectors");
        REQUIRE_FALSE(file_config.select.empty());
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), path.string(), file_config);
        const protocol::LineIndex index(text);
        std::map<std::size_t, std::multiset<std::string>> actual;
        for (const auto& finding : findings) {
            actual[index.position_of(finding.start, protocol::PositionEncoding::Utf8).line + 1]
                .insert(finding.code);
        }
        std::set<std::size_t> lines;
        for (const auto& [line, codes] : expected) {
            lines.insert(line);
        }
        for (const auto& [line, codes] : actual) {
            lines.insert(line);
        }
        for (std::size_t line : lines) {
            const auto want =
                expected.count(line) ? expected.at(line) : std::multiset<std::string>{};
            const auto got = actual.count(line) ? actual.at(line) : std::multiset<std::string>{};
            INFO(path.filename().string() << ":" << line);
            CHECK(got == want);
        }
    }
}

TEST_CASE("every rule has a unique code, documentation and a fixture that names it") {
    std::set<std::string> expected_somewhere;
    std::vector<fs::path> files = fixture_files();
    // The dependency rules (VG7xx) have their fixtures in requirements files and pyproject.toml.
    for (const auto& entry : fs::directory_iterator(VIGIL_FIXTURES_DIR "/dependencies")) {
        files.push_back(entry.path());
    }
    for (const fs::path& path : files) {
        for (const auto& [line, codes] : expectations(read_file(path))) {
            expected_somewhere.insert(codes.begin(), codes.end());
        }
    }
    std::set<std::string_view> codes;
    for (const analysis::Rule* rule : analysis::all_rules()) {
        const auto& info = rule->info;
        INFO(info.code);
        CHECK(codes.insert(info.code).second);
        CHECK_FALSE(info.name.empty());
        CHECK_FALSE(info.doc.what.empty());
        CHECK_FALSE(info.doc.why.empty());
        CHECK_FALSE(info.doc.example.empty());
        CHECK_FALSE(info.doc.use_instead.empty());
        CHECK_FALSE(info.doc.references.empty());
        CHECK(rule->check != nullptr);
        // Only the dependency rules, checked outside the syntax tree, register no node kinds.
        CHECK(rule->node_kinds.empty() == analysis::is_dependency_rule(info.code));
        CHECK(expected_somewhere.count(std::string(info.code)) == 1); // a fixture exercises it
        CHECK(analysis::find_rule(info.code) == rule);
        if (!info.ruff_code.empty()) {
            CHECK(analysis::find_rule(info.ruff_code) == rule);
        }
    }
}

TEST_CASE("text markers never change a finding: every fixture, with and without them") {
    auto parser = syntax::make_python_parser();
    std::size_t findings = 0;
    for (const fs::path& path : fixture_files()) {
        const std::string text = read_file(path);
        const auto tree = syntax::parse_python(parser.get(), text);
        for (const auto profile : {analysis::ProfileName::Default, analysis::ProfileName::Bandit}) {
            analysis::Config with;
            with.profile = profile;
            with.select = {"ALL"};
            analysis::Config without = with;
            without.use_text_markers = false;
            INFO(path.filename().string());
            const auto marked = analysis::analyze(text, tree.get(), path.string(), with);
            const auto unmarked = analysis::analyze(text, tree.get(), path.string(), without);
            REQUIRE(marked.size() == unmarked.size());
            for (std::size_t i = 0; i < marked.size(); ++i) {
                CHECK(marked[i].code == unmarked[i].code);
                CHECK(marked[i].start == unmarked[i].start);
                CHECK(marked[i].message == unmarked[i].message);
            }
            findings += marked.size();
        }
    }
    CHECK(findings > 500);
}

// The dependency checker (VG701-VG705): the fixtures under tests/fixtures/dependencies/ carry
// their expected codes on each line ("# expect: VG701"); plus the details a fixture cannot show.
#include "analysis/dependencies/requirements.hpp"
#include "analysis/fixes.hpp"
#include "protocol/position.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace vigil;
using analysis::DependencyFormat;

namespace {

std::string read_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::stringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

std::map<std::size_t, std::multiset<std::string>> expectations(const std::string& text) {
    std::map<std::size_t, std::multiset<std::string>> expected;
    std::istringstream lines(text);
    std::string line;
    for (std::size_t number = 1; std::getline(lines, line); ++number) {
        const std::size_t marker = line.find("# expect:");
        if (marker == std::string::npos) {
            continue;
        }
        std::string codes = line.substr(marker + 9);
        for (char& c : codes) {
            if (c == ',') {
                c = ' ';
            }
        }
        std::istringstream words(codes);
        for (std::string code; words >> code;) {
            expected[number].insert(code);
        }
    }
    return expected;
}

analysis::Config vg7() {
    analysis::Config config;
    config.select = {"VG7"};
    return config;
}

std::vector<analysis::Finding> requirements(std::string_view text,
                                            const analysis::Config& config = vg7()) {
    return analysis::check_requirements(text, "requirements.txt", config);
}

std::vector<std::string> codes(const std::vector<analysis::Finding>& findings) {
    std::vector<std::string> result;
    for (const auto& finding : findings) {
        result.push_back(finding.code);
    }
    return result;
}

} // namespace

TEST_CASE("dependency fixtures produce exactly the findings written on their lines") {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(VIGIL_FIXTURES_DIR "/dependencies")) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 2);
    for (const fs::path& path : files) {
        const std::string text = read_file(path);
        const DependencyFormat format = analysis::dependency_format_of_path(path.string());
        INFO(path.filename().string());
        REQUIRE(format != DependencyFormat::None);
        const auto findings = analysis::check_dependencies(text, path.string(), vg7(), format);
        const protocol::LineIndex index(text);
        std::map<std::size_t, std::multiset<std::string>> actual;
        for (const auto& finding : findings) {
            CHECK(finding.start < finding.end);
            CHECK(finding.end <= text.size());
            actual[index.position_of(finding.start, protocol::PositionEncoding::Utf8).line + 1]
                .insert(finding.code);
        }
        const auto expected = expectations(text);
        std::set<std::size_t> lines;
        for (const auto& [line, c] : expected) {
            lines.insert(line);
        }
        for (const auto& [line, c] : actual) {
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

TEST_CASE("dependency files are recognised by name and by languageId") {
    using analysis::dependency_format_of_document;
    using analysis::dependency_format_of_path;
    CHECK(dependency_format_of_path("requirements.txt") == DependencyFormat::Requirements);
    CHECK(dependency_format_of_path("a/requirements-dev.txt") == DependencyFormat::Requirements);
    CHECK(dependency_format_of_path("a/dev-requirements.txt") == DependencyFormat::Requirements);
    CHECK(dependency_format_of_path("a/requirements/base.txt") == DependencyFormat::Requirements);
    CHECK(dependency_format_of_path("/p/pyproject.toml") == DependencyFormat::Pyproject);
    CHECK(dependency_format_of_path("notes.txt") == DependencyFormat::None);
    CHECK(dependency_format_of_path("requirements.in") == DependencyFormat::None);
    CHECK(dependency_format_of_path("requirements.py") == DependencyFormat::None);
    CHECK(dependency_format_of_document("pip-requirements", "/x/deps.txt") ==
          DependencyFormat::Requirements);
    CHECK(dependency_format_of_document("python", "/x/requirements.txt") == DependencyFormat::None);
    CHECK(dependency_format_of_document("plaintext", "/x/requirements.txt") ==
          DependencyFormat::Requirements);
}

TEST_CASE("lock-like requirements files are clean") {
    const std::string text =
        "# generated by pip-compile\n"
        "certifi==2024.2.2 \\\n"
        "    --hash=sha256:0569859f95fc761b18b45ef421b1290a0f65f147e92a1e5eb3e6"
        "35f9a5e4e66f\n"
        "    # via requests\n"
        "requests==2.31.0 ; python_version >= \"3.7\" \\\n"
        "    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b7"
        "09f44e013003f1\n";
    CHECK(requirements(text).empty());
}

TEST_CASE("a constraints file holds the pins: versions are not judged") {
    CHECK(requirements("-c constraints.txt\nrequests\nflask>=2\n").empty());
    CHECK(codes(requirements("-c constraints.txt\n--trusted-host h.io\n")) ==
          std::vector<std::string>{"VG705"});
}

TEST_CASE("VG704 never repeats the credential and covers only the user information") {
    const std::string text = "--index-url https://bob:t0p-s3cret@pkgs.corp.io/simple\n";
    const auto findings = requirements(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "VG704");
    CHECK(findings[0].message.find("t0p-s3cret") == std::string::npos);
    CHECK(findings[0].message.find("pkgs.corp.io") != std::string::npos);
    CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) == "bob:t0p-s3cret");
}

TEST_CASE("VG703's fix turns http into https and is unsafe") {
    const std::string text = "requests==2.31.0\n--extra-index-url http://pkgs.corp.io/simple\n";
    const auto findings = requirements(text);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "VG703");
    CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) ==
          "http://pkgs.corp.io/simple");
    REQUIRE(findings[0].fixes.size() == 1);
    CHECK(findings[0].fixes[0].applicability == analysis::Applicability::Unsafe);
    const std::string fixed = analysis::apply_edits(text, findings[0].fixes[0].edits);
    CHECK(fixed == "requests==2.31.0\n--extra-index-url https://pkgs.corp.io/simple\n");
    CHECK(requirements(fixed).empty());

    const std::string toml = "[[tool.poetry.source]]\nname = \"c\"\nurl = \"http://p.corp.io/s\"\n";
    const auto in_toml = analysis::check_pyproject_dependencies(toml, "pyproject.toml", vg7());
    REQUIRE(in_toml.size() == 1);
    REQUIRE(in_toml[0].fixes.size() == 1);
    CHECK(analysis::apply_edits(toml, in_toml[0].fixes[0].edits) ==
          "[[tool.poetry.source]]\nname = \"c\"\nurl = \"https://p.corp.io/s\"\n");
}

TEST_CASE("the dependency rules follow selection, per-file ignores and thresholds") {
    const std::string text = "requests\nflask>=2\n--trusted-host h.io\n";
    analysis::Config config; // the default profile
    CHECK(codes(requirements(text, config)) == std::vector<std::string>{"VG701", "VG702", "VG705"});
    config.ignore = {"VG702"};
    CHECK(codes(requirements(text, config)) == std::vector<std::string>{"VG701", "VG705"});
    config.per_file_ignores = {{"requirements*.txt", {"VG705"}}};
    CHECK(codes(requirements(text, config)) == std::vector<std::string>{"VG701"});
    config = analysis::Config{};
    config.min_severity = analysis::Level::Medium;
    CHECK(codes(requirements(text, config)) == std::vector<std::string>{"VG701", "VG705"});
    config = analysis::Config{};
    config.select = {"B"};
    CHECK(requirements(text, config).empty());
    config = analysis::Config{};
    config.profile = analysis::ProfileName::Bandit;
    CHECK(requirements(text, config).empty());
}

TEST_CASE("suppression comments work on any line of a continued requirement") {
    CHECK(requirements("requests \\\n    ; python_version > '3'  # nosec VG701\n").empty());
    CHECK(requirements("requests  # noqa: VG702\n").size() == 1);
    CHECK(requirements("# vigil: ignore-file[VG701]\nrequests\nflask\n").empty());
}

TEST_CASE("broken or unrelated pyproject.toml gives no dependency findings") {
    CHECK(analysis::check_pyproject_dependencies("[tool.vigil\n", "pyproject.toml", vg7()).empty());
    CHECK(analysis::check_pyproject_dependencies("[tool.vigil]\nignore = [\"B101\"]\n",
                                                 "pyproject.toml", vg7())
              .empty());
}

TEST_CASE("a TOML string with escapes is reported over the whole string") {
    const std::string text = "[project]\ndependencies = [\"req\\u0075ests\"]\n";
    const auto findings = analysis::check_pyproject_dependencies(text, "pyproject.toml", vg7());
    REQUIRE(findings.size() == 1);
    CHECK(text.substr(findings[0].start, findings[0].end - findings[0].start) ==
          "\"req\\u0075ests\"");
}

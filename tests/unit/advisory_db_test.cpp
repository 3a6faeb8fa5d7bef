// The advisory database in both published layouts, with fixture databases written here: a
// directory of YAML and JSON records (the PyPA layout) and an OSV export zip holding the same
// records as JSON. Both must answer every query the same way.
#include "analysis/dependencies/advisory_db.hpp"

#include <catch2/catch.hpp>

#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil::analysis;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device random;
        path = fs::temp_directory_path() / ("vigil-advisories-" + std::to_string(random()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The PyPA advisory database's shape: unquoted versions (1.10 must stay "1.10"), aliases both ways.
const char* const pysec_1 = R"(id: PYSEC-2099-1
summary: Demo Pkg leaks secrets
details: |
  Several lines
  of details.
modified: '2099-01-02T00:00:00Z'
aliases:
- CVE-2099-0001
- GHSA-aaaa-bbbb-cccc
affected:
- package:
    name: Demo_Pkg
    ecosystem: PyPI
    purl: pkg:pypi/demo-pkg
  ranges:
  - type: GIT
    repo: https://example.invalid/demo
    events:
    - introduced: 0123456789abcdef0123456789abcdef01234567
  - type: ECOSYSTEM
    events:
    - introduced: '0'
    - fixed: 1.10
  versions:
  - 1.0
  - 1.9
)";

// GitHub's record of the same vulnerability, as JSON, with a CWE and a CVSS vector.
const char* const ghsa_1 = R"({
  "id": "GHSA-aaaa-bbbb-cccc",
  "modified": "2099-01-03T00:00:00Z",
  "aliases": ["CVE-2099-0001"],
  "summary": "Secrets in logs",
  "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
  "affected": [{"package": {"ecosystem": "PyPI", "name": "demo-pkg"},
                "ranges": [{"type": "ECOSYSTEM",
                            "events": [{"introduced": "1.0"}, {"fixed": "1.10.0"}]}]}],
  "database_specific": {"cwe_ids": ["CWE-532"], "severity": "HIGH"}
})";

const char* const pysec_2_withdrawn = R"(id: PYSEC-2099-2
withdrawn: '2099-02-01T00:00:00Z'
modified: '2099-02-01T00:00:00Z'
affected:
- package: {name: demo-pkg, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: '0'}]
)";

const char* const pysec_3 = R"(id: PYSEC-2099-3
modified: '2099-03-01T00:00:00Z'
aliases: [CVE-2099-0003]
affected:
- package: {name: other.pkg, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: '2.0'}, {last_affected: '2.4'}]
- package: {name: demo-pkg, ecosystem: PyPI}
  ranges:
  - type: ECOSYSTEM
    events: [{introduced: '3.0'}, {fixed: '3.1'}]
)";

// An unrelated record that names the same CVE as PYSEC-2099-3: merged through the CVE.
const char* const ghsa_3 = R"({"id": "GHSA-dddd-eeee-ffff", "modified": "2099-03-02T00:00:00Z",
  "aliases": ["CVE-2099-0003"],
  "affected": [{"package": {"ecosystem": "PyPI", "name": "Other_Pkg"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.5"}]}]}]})";

const std::map<std::string, std::string> json_records = {
    {"GHSA-aaaa-bbbb-cccc.json", ghsa_1},
    {"GHSA-dddd-eeee-ffff.json", ghsa_3},
};

// The same advisories in JSON for the zip (what osv.dev's export holds).
const char* const pysec_1_json = R"({"id": "PYSEC-2099-1", "modified": "2099-01-02T00:00:00Z",
  "aliases": ["CVE-2099-0001", "GHSA-aaaa-bbbb-cccc"], "summary": "Demo Pkg leaks secrets",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "Demo_Pkg"},
    "ranges": [{"type": "GIT", "repo": "https://example.invalid/demo",
                "events": [{"introduced": "0123456789abcdef0123456789abcdef01234567"}]},
               {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.10"}]}],
    "versions": ["1.0", "1.9"]}]})";
const char* const pysec_2_json = R"({"id": "PYSEC-2099-2", "withdrawn": "2099-02-01T00:00:00Z",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "demo-pkg"},
    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]})";
const char* const pysec_3_json = R"({"id": "PYSEC-2099-3", "modified": "2099-03-01T00:00:00Z",
  "aliases": ["CVE-2099-0003"],
  "affected": [{"package": {"ecosystem": "PyPI", "name": "other.pkg"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"last_affected": "2.4"}]}]},
               {"package": {"ecosystem": "PyPI", "name": "demo-pkg"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "3.0"}, {"fixed": "3.1"}]}]}]})";

fs::path write_directory(const fs::path& root) {
    const fs::path db = root / "advisory-database";
    write(db / "vulns" / "demo-pkg" / "PYSEC-2099-1.yaml", pysec_1);
    write(db / "vulns" / "demo-pkg" / "PYSEC-2099-2.yaml", pysec_2_withdrawn);
    write(db / "vulns" / "other-pkg" / "PYSEC-2099-3.yml", pysec_3);
    for (const auto& [name, text] : json_records) {
        write(db / "ghsa" / name, text);
    }
    write(db / "vulns" / "broken" / "PYSEC-2099-9.yaml", "id: [unclosed\n");
    write(db / ".github" / "workflows" / "ci.yml", "on: push\njobs: {}\n");
    write(db / "README.md", "# not a record\n");
    return db;
}

fs::path write_zip(const fs::path& root, const std::map<std::string, std::string>& entries) {
    const fs::path archive = root / "all.zip";
    int error = 0;
    zip_t* zip = zip_open(archive.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    REQUIRE(zip != nullptr);
    for (const auto& [name, text] : entries) {
        zip_source_t* source = zip_source_buffer(zip, text.data(), text.size(), 0);
        REQUIRE(source != nullptr);
        REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(zip) == 0); // the buffers are read here, so `entries` must outlive it
    return archive;
}

std::map<std::string, std::string> zip_entries() {
    auto entries = json_records;
    entries["PYSEC-2099-1.json"] = pysec_1_json;
    entries["PYSEC-2099-2.json"] = pysec_2_json;
    entries["PYSEC-2099-3.json"] = pysec_3_json;
    entries["NOTES.txt"] = "not a record";
    return entries;
}

pep440::Version v(const char* text) {
    return *pep440::Version::parse(text);
}

// A query's answer as text: "ids: fixed | ..." per vulnerability.
std::vector<std::string> answer(const advisories::AdvisoryDatabase& db, const char* name,
                                const char* version) {
    std::vector<std::string> out;
    for (const auto& match : db.query(name, v(version))) {
        std::string line;
        for (const auto* record : match.affecting) {
            line += record->id + " ";
        }
        line += "[";
        for (const auto& id : match.vulnerability->ids) {
            line += id + " ";
        }
        line += "] fixed:";
        for (const auto& fixed : match.fixed) {
            line += " " + fixed;
        }
        out.push_back(line);
    }
    return out;
}

using Lines = std::vector<std::string>;

void check_fixture_answers(const advisories::AdvisoryDatabase& db) {
    CHECK(db.records().size() == 4); // the withdrawn one is counted apart
    CHECK(db.withdrawn_count() == 1);
    CHECK(db.vulnerabilities().size() == 2); // four records, two vulnerabilities
    CHECK(db.package_count() == 2);

    // Both records of vulnerability 1, merged; "1.10" stayed 1.10 (as a number it would be 1.1).
    CHECK(answer(db, "demo-pkg", "1.5") ==
          Lines{"GHSA-aaaa-bbbb-cccc PYSEC-2099-1 [GHSA-aaaa-bbbb-cccc PYSEC-2099-1 "
                "CVE-2099-0001 ] fixed: 1.10.0 1.10"});
    // Before GitHub's "introduced 1.0": only the PyPA record.
    CHECK(answer(db, "Demo.Pkg", "0.9") ==
          Lines{"PYSEC-2099-1 [GHSA-aaaa-bbbb-cccc PYSEC-2099-1 CVE-2099-0001 ] fixed: 1.10"});
    CHECK(answer(db, "DEMO_PKG", "1.10").empty());
    CHECK(answer(db, "demo-pkg", "2.0").empty()); // the withdrawn record would match
    CHECK(answer(db, "demo-pkg", "3.0.5") ==
          Lines{"PYSEC-2099-3 [GHSA-dddd-eeee-ffff PYSEC-2099-3 CVE-2099-0003 ] fixed: 3.1"});
    // other.pkg: the PyPA record ends at last_affected 2.4, GitHub's at fixed 2.5.
    CHECK(answer(db, "other-pkg", "2.4") ==
          Lines{"GHSA-dddd-eeee-ffff PYSEC-2099-3 [GHSA-dddd-eeee-ffff PYSEC-2099-3 "
                "CVE-2099-0003 ] fixed: 2.5"});
    CHECK(
        answer(db, "other_pkg", "2.4.1") ==
        Lines{"GHSA-dddd-eeee-ffff [GHSA-dddd-eeee-ffff PYSEC-2099-3 CVE-2099-0003 ] fixed: 2.5"});
    CHECK(answer(db, "other-pkg", "2.5").empty());
    CHECK(answer(db, "unknown", "1.0").empty());
    CHECK(db.records_for("Other.Pkg").size() == 2);
}

} // namespace

TEST_CASE("Advisory database: a directory of YAML and JSON records (the PyPA layout)",
          "[advisories]") {
    TempDir tmp;
    const auto db = advisories::AdvisoryDatabase::load(write_directory(tmp.path));
    check_fixture_answers(db);
    // The broken YAML file is reported; the workflow file under .github and README are not read.
    REQUIRE(db.problems().size() == 1);
    CHECK(db.problems()[0].source.find("PYSEC-2099-9.yaml") != std::string::npos);
    const auto records = db.records_for("demo-pkg");
    const auto pysec = std::find_if(records.begin(), records.end(),
                                    [](const auto* r) { return r->id == "PYSEC-2099-1"; });
    REQUIRE(pysec != records.end());
    CHECK((*pysec)->details == "Several lines\nof details.\n");
    CHECK((*pysec)->affected[0].package.normalized_name == "demo-pkg");
}

TEST_CASE("Advisory database: the OSV export zip", "[advisories]") {
    TempDir tmp;
    const auto entries = zip_entries();
    const auto db = advisories::AdvisoryDatabase::load(write_zip(tmp.path, entries));
    check_fixture_answers(db);
    CHECK(db.problems().empty());
}

TEST_CASE("Advisory database: aliases merge transitively, duplicates keep the newest",
          "[advisories]") {
    const auto db = advisories::AdvisoryDatabase::from_documents({
        {"a", R"({"id": "A-1", "aliases": ["B-1"], "modified": "1"})", false},
        {"c", R"({"id": "C-1", "aliases": ["B-1"], "modified": "1"})", false},
        {"d", R"({"id": "D-1", "modified": "1", "summary": "old"})", false},
        {"d2", R"({"id": "D-1", "modified": "2", "summary": "new"})", false},
        {"e", "id: E-1\naliases: [D-1]\n", true},
    });
    REQUIRE(db.vulnerabilities().size() == 2);
    CHECK(db.vulnerabilities()[0].ids == std::vector<std::string>{"A-1", "C-1", "B-1"});
    CHECK(db.vulnerabilities()[1].ids == std::vector<std::string>{"D-1", "E-1"});
    REQUIRE(db.records().size() == 4);
    CHECK(db.vulnerabilities()[1].records[0]->summary == "new");
    CHECK(db.problems().size() == 1); // the duplicate D-1
}

TEST_CASE("Advisory database: what cannot be loaded", "[advisories]") {
    TempDir tmp;
    CHECK_THROWS_AS(advisories::AdvisoryDatabase::load(tmp.path / "missing"),
                    advisories::LoadError);
    write(tmp.path / "plain.txt", "hello");
    CHECK_THROWS_AS(advisories::AdvisoryDatabase::load(tmp.path / "plain.txt"),
                    advisories::LoadError);
    // A zip cut short: its central directory is gone.
    const auto entries = zip_entries();
    const auto archive = write_zip(tmp.path, entries);
    fs::resize_file(archive, fs::file_size(archive) / 2);
    CHECK_THROWS_AS(advisories::AdvisoryDatabase::load(archive), advisories::LoadError);
}

TEST_CASE("YAML records: scalars stay strings, invalid YAML is an error", "[advisories]") {
    const auto record =
        advisories::parse_yaml_record("id: X-1\naffected:\n- package: {name: a, ecosystem: PyPI}\n "
                                      " versions: [1.10, 2.0, 010]\n");
    REQUIRE(record.affected.size() == 1);
    CHECK(record.affected[0].versions == std::vector<std::string>{"1.10", "2.0", "010"});
    // YAML 1.2's escapes for U+00A0 and U+0085 become UTF-8 (yaml-cpp alone yields Latin-1 bytes).
    const auto escaped = advisories::parse_yaml_record("id: X-2\nsummary: \"a\\_b\\Nc\\u00e9\"\n");
    CHECK(escaped.summary == "a\xC2\xA0"
                             "b\xC2\x85"
                             "c\xC3\xA9");
    CHECK_THROWS_AS(advisories::parse_yaml_record("id: [x"), osv::RecordError);
    CHECK_THROWS_AS(advisories::parse_yaml_record("- a\n- b\n"), osv::RecordError);
}

TEST_CASE("Advisory database: the first version that fixes every advisory", "[advisories]") {
    // A: [0, 1.5) and [2.0, 2.2); B: [1.0, 1.6); C: [1.7, 1.8] (last_affected); D: unfixed from 5.
    const auto db = advisories::AdvisoryDatabase::from_documents({
        {"a",
         R"({"id": "A-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.5"},
                        {"introduced": "2.0"}, {"fixed": "2.2"}, {"fixed": "2.1rc1"}]}]}]})",
         false},
        {"b",
         R"({"id": "B-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.0"}, {"fixed": "1.6"}]}]}]})",
         false},
        {"c",
         R"({"id": "C-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.7"}, {"last_affected": "1.8"}]}]}]})",
         false},
        {"d",
         R"({"id": "D-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "lib"},
             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "5"}]}]}]})",
         false},
    });
    auto safe = [&](const char* version) {
        const auto found = db.first_safe_version("Lib", v(version));
        return found ? found->str() : std::string("none");
    };
    CHECK(safe("1.0") == "1.6"); // 1.5 still has B
    CHECK(safe("0.1") == "1.6");
    // C ends at last_affected 1.8, which names no release to move to; 2.2 (A's fix) is past C
    // and affected by nothing, so it is the answer.
    CHECK(safe("1.7") == "2.2");
    CHECK(safe("2.0") == "2.2"); // 2.1rc1 would do, but a final pin is not moved to a pre-release
    CHECK(safe("2.1a1") == "2.1rc1");
    CHECK(safe("5.0") == "none");
}

TEST_CASE("Advisory database: the same database whatever the number of threads", "[advisories]") {
    // Enough documents for the parse to be spread (small sets are parsed on the caller's thread).
    std::vector<advisories::Document> documents;
    for (int i = 0; i < 200; ++i) {
        const std::string id = "PYSEC-2099-" + std::to_string(1000 + i);
        documents.push_back({id,
                             "id: " + id + "\naliases: [CVE-2099-" + std::to_string(i / 2) +
                                 "]\naffected:\n- package: {name: pkg" + std::to_string(i % 7) +
                                 ", ecosystem: PyPI}\n  ranges:\n  - type: ECOSYSTEM\n    events: "
                                 "[{introduced: '0'}, {fixed: '" +
                                 std::to_string(i % 5 + 1) + ".0'}]\n",
                             true});
    }
    documents.push_back({"bad", "id: [", true});
    const auto one = advisories::AdvisoryDatabase::from_documents(documents, 1);
    const auto four = advisories::AdvisoryDatabase::from_documents(documents, 4);
    REQUIRE(one.records().size() == 200);
    CHECK(one.vulnerabilities().size() == 100); // pairs share a CVE
    REQUIRE(four.records().size() == one.records().size());
    for (std::size_t i = 0; i < one.records().size(); ++i) {
        CHECK(four.records()[i].id == one.records()[i].id);
    }
    CHECK(four.vulnerabilities().size() == one.vulnerabilities().size());
    CHECK(four.problems().size() == 1);
    CHECK(answer(four, "pkg3", "2.5") == answer(one, "pkg3", "2.5"));
    CHECK(answer(one, "pkg3", "2.5").size() > 0);
}

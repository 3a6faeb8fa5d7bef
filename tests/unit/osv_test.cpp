// OSV records: parsing, and affects() against the schema's evaluation algorithm (its pseudocode
// and the examples of its "Evaluation" and "Examples" sections), with PEP 440 as PyPI's order.
#include "analysis/dependencies/osv.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>

using namespace vigil::analysis;
using nlohmann::json;

namespace {

pep440::Version v(const char* text) {
    auto parsed = pep440::Version::parse(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

// A PyPI record for `name` with one range of the given events (each {"kind": "version"}).
osv::Record record_with(const char* name, const json& events, const char* type = "ECOSYSTEM") {
    return osv::parse_record(json{
        {"id", "PYSEC-0000-1"},
        {"affected",
         {{{"package", {{"ecosystem", "PyPI"}, {"name", name}}},
           {"ranges", {{{"type", type}, {"events", events}}}}}}},
    });
}

bool affected(const osv::Record& record, const char* version, const char* name = "demo") {
    return osv::affects(record, name, v(version));
}

} // namespace

TEST_CASE("OSV record: every field Vigil reads", "[osv]") {
    const auto record = osv::parse_record_text(R"({
      "schema_version": "1.6.0",
      "id": "GHSA-xxxx-yyyy-zzzz",
      "modified": "2024-01-02T03:04:05Z",
      "published": "2023-12-01T00:00:00Z",
      "aliases": ["CVE-2023-1234", "PYSEC-2023-99"],
      "related": ["CVE-2023-9999"],
      "summary": "Request smuggling",
      "details": "Long text\nwith lines",
      "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
      "affected": [{
        "package": {"ecosystem": "PyPI", "name": "Foo_Bar.baz", "purl": "pkg:pypi/foo-bar-baz"},
        "ranges": [
          {"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0.1"}]},
          {"type": "GIT", "repo": "https://example.invalid/foo.git",
           "events": [{"introduced": "abc123"}, {"fixed": "def456"}]}
        ],
        "versions": ["1.0", "2.0"],
        "database_specific": {"source": "x"}
      }],
      "references": [{"type": "ADVISORY", "url": "https://example.invalid/a"}],
      "database_specific": {"cwe_ids": ["CWE-444"], "severity": "HIGH", "github_reviewed": true}
    })");
    CHECK(record.id == "GHSA-xxxx-yyyy-zzzz");
    CHECK(record.modified == "2024-01-02T03:04:05Z");
    CHECK(record.aliases == std::vector<std::string>{"CVE-2023-1234", "PYSEC-2023-99"});
    CHECK(record.related == std::vector<std::string>{"CVE-2023-9999"});
    CHECK(record.summary == "Request smuggling");
    CHECK(record.details == "Long text\nwith lines");
    CHECK_FALSE(record.is_withdrawn());
    REQUIRE(record.affected.size() == 1);
    const auto& a = record.affected[0];
    CHECK(a.package.ecosystem == "PyPI");
    CHECK(a.package.name == "Foo_Bar.baz");
    CHECK(a.package.normalized_name == "foo-bar-baz");
    CHECK(a.package.purl == "pkg:pypi/foo-bar-baz");
    REQUIRE(a.ranges.size() == 2);
    CHECK(a.ranges[0].type == "ECOSYSTEM");
    REQUIRE(a.ranges[0].events.size() == 2);
    CHECK(a.ranges[0].events[0].kind == osv::EventKind::introduced);
    CHECK(a.ranges[0].events[0].version == "0");
    CHECK(a.ranges[0].events[1].kind == osv::EventKind::fixed);
    CHECK(a.ranges[0].events[1].version == "2.0.1");
    CHECK(a.ranges[1].type == "GIT");
    CHECK(a.ranges[1].repo == "https://example.invalid/foo.git");
    CHECK(a.versions == std::vector<std::string>{"1.0", "2.0"});
    REQUIRE(record.references.size() == 1);
    CHECK(record.references[0].url == "https://example.invalid/a");
    CHECK(record.cwe_ids == std::vector<std::string>{"CWE-444"});
    CHECK(record.database_severity == "HIGH");
    CHECK(record.cvss_vector() == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    CHECK(record.problems.empty());
    CHECK(osv::fixed_versions(record, "foo-bar-baz") == std::vector<std::string>{"2.0.1"});
}

TEST_CASE("OSV record: what is not a record", "[osv]") {
    CHECK_THROWS_AS(osv::parse_record_text("[]"), osv::RecordError);
    CHECK_THROWS_AS(osv::parse_record_text("{"), osv::RecordError);
    CHECK_THROWS_AS(osv::parse_record_text(R"({"summary": "no id"})"), osv::RecordError);
    CHECK_THROWS_AS(osv::parse_record_text(R"({"id": 7})"), osv::RecordError);
    CHECK_THROWS_AS(osv::parse_record_text(R"({"id": "X-1", "aliases": "CVE-1"})"),
                    osv::RecordError);
    CHECK_THROWS_AS(osv::parse_record_text(R"({"id": "X-1", "affected": [7]})"), osv::RecordError);
    CHECK_NOTHROW(osv::parse_record_text(R"({"id": "X-1", "summary": null, "unknown": {"a": 1}})"));
}

TEST_CASE("OSV events: introduced is inclusive, fixed exclusive", "[osv]") {
    const auto r = record_with("demo", {{{"introduced", "1.2"}}, {{"fixed", "1.4.1"}}});
    CHECK_FALSE(affected(r, "1.1.9"));
    CHECK(affected(r, "1.2"));
    CHECK(affected(r, "1.2.0")); // PEP 440 equality, not string equality
    CHECK(affected(r, "1.4"));
    CHECK(
        affected(r, "1.4.1rc1")); // a pre-release of the fix precedes it (no specifier rules here)
    CHECK(affected(r, "1.4.1.dev0"));
    CHECK_FALSE(affected(r, "1.4.1"));
    CHECK_FALSE(affected(r, "1.4.1.post1"));
    CHECK_FALSE(affected(r, "2.0"));
    CHECK(affected(r, "1.3+local"));
}

TEST_CASE("OSV events: introduced \"0\" is before every version", "[osv]") {
    const auto unfixed = record_with("demo", {{{"introduced", "0"}}});
    CHECK(affected(unfixed, "0"));
    CHECK(affected(unfixed, "0.dev0"));
    CHECK(affected(unfixed, "0a1"));
    CHECK(affected(unfixed, "99!1.0"));
    const auto fixed = record_with("demo", {{{"introduced", "0"}}, {{"fixed", "1.0.2"}}});
    CHECK(affected(fixed, "0.0.1"));
    CHECK(affected(fixed, "1.0.1"));
    CHECK_FALSE(affected(fixed, "1.0.2"));
}

TEST_CASE("OSV events: last_affected is inclusive", "[osv]") {
    // The schema's "last_affected vs fixed" example.
    const auto r = record_with("demo", {{{"introduced", "0"}}, {{"last_affected", "2.1.214"}}});
    CHECK(affected(r, "2.1.214"));
    // PEP 440 puts a local label after its public version, and the pseudocode compares with the
    // ecosystem's order: a local build of the last affected version is past it.
    CHECK_FALSE(affected(r, "2.1.214+local"));
    CHECK_FALSE(affected(r, "2.1.214.post1"));
    CHECK_FALSE(affected(r, "2.1.215"));
    CHECK_FALSE(affected(r, "2.2.0a1"));
}

TEST_CASE("OSV events: limit bounds the range, \"*\" is infinity", "[osv]") {
    const auto r = record_with("demo", {{{"introduced", "1.0"}}, {{"limit", "2.0"}}});
    CHECK(affected(r, "1.5"));
    CHECK_FALSE(affected(r, "2.0"));
    CHECK_FALSE(affected(r, "3.0"));
    const auto two =
        record_with("demo", {{{"introduced", "1.0"}}, {{"limit", "2.0"}}, {{"limit", "4.0"}}});
    CHECK(affected(two, "3.0")); // below one of the limits is enough
    CHECK_FALSE(affected(two, "4.0"));
    const auto star = record_with("demo", {{{"introduced", "1.0"}}, {{"limit", "*"}}});
    CHECK(affected(star, "1000"));
    CHECK_FALSE(affected(star, "0.9"));
}

TEST_CASE("OSV events: several intervals in one range, in any order", "[osv]") {
    // The schema's "multiple range" example, events shuffled: they are sorted before the walk.
    const auto r = record_with("demo", {{{"fixed", "3.2.5"}},
                                        {{"introduced", "1.0.0"}},
                                        {{"introduced", "3.0.0"}},
                                        {{"fixed", "1.0.2"}}});
    CHECK_FALSE(affected(r, "0.9"));
    CHECK(affected(r, "1.0.0"));
    CHECK(affected(r, "1.0.1"));
    CHECK_FALSE(affected(r, "1.0.2"));
    CHECK_FALSE(affected(r, "2.5"));
    CHECK(affected(r, "3.0.0"));
    CHECK(affected(r, "3.2.4"));
    CHECK_FALSE(affected(r, "3.2.5"));
    CHECK_FALSE(affected(r, "4"));
}

TEST_CASE("OSV events: an interval that starts and ends at one version is empty", "[osv]") {
    const auto r = record_with("demo", {{{"fixed", "1.0"}}, {{"introduced", "1.0"}}});
    CHECK_FALSE(affected(r, "1.0"));
    CHECK_FALSE(affected(r, "2.0"));
    CHECK_FALSE(affected(r, "0.5"));
}

TEST_CASE("OSV ranges: several ranges, GIT ranges and explicit versions", "[osv]") {
    const auto r = osv::parse_record(json{
        {"id", "PYSEC-0000-2"},
        {"affected",
         {{{"package", {{"ecosystem", "PyPI"}, {"name", "demo"}}},
           {"ranges",
            {{{"type", "ECOSYSTEM"}, {"events", {{{"introduced", "1.0"}}, {{"fixed", "1.1"}}}}},
             {{"type", "ECOSYSTEM"}, {"events", {{{"introduced", "2.0"}}, {{"fixed", "2.1"}}}}},
             {{"type", "GIT"},
              {"repo", "https://example.invalid/r"},
              {"events", {{{"introduced", "0"}}}}}}},
           {"versions", {"0.5", "3.0", "not-a-version"}}}}},
    });
    CHECK(affected(r, "1.0.5"));
    CHECK(affected(r, "2.0.5"));
    CHECK_FALSE(affected(r, "1.5")); // the GIT range would say "everything": it does not apply
    CHECK(affected(r, "0.5"));
    CHECK(affected(r, "0.5.0")); // listed versions compare as PEP 440 versions
    CHECK(affected(r, "3.0"));
    CHECK_FALSE(affected(r, "3.0.1"));
}

TEST_CASE("OSV matching: package names are PEP 503-normalised, ecosystems exact", "[osv]") {
    const auto r = record_with("Zope.Interface", {{{"introduced", "0"}}, {{"fixed", "5"}}});
    CHECK(affected(r, "4", "zope-interface"));
    CHECK(affected(r, "4", "ZOPE_INTERFACE"));
    CHECK(affected(r, "4", "zope..interface"));
    CHECK_FALSE(affected(r, "4", "zope-interfaces"));
    const auto npm = osv::parse_record(json{
        {"id", "GHSA-npm"},
        {"affected",
         {{{"package", {{"ecosystem", "npm"}, {"name", "demo"}}},
           {"ranges", {{{"type", "ECOSYSTEM"}, {"events", {{{"introduced", "0"}}}}}}}}}},
    });
    CHECK_FALSE(affected(npm, "1.0"));
}

TEST_CASE("OSV matching: withdrawn records affect nothing", "[osv]") {
    auto document = json{
        {"id", "PYSEC-0000-3"},
        {"withdrawn", "2024-05-01T00:00:00Z"},
        {"affected",
         {{{"package", {{"ecosystem", "PyPI"}, {"name", "demo"}}},
           {"ranges", {{{"type", "ECOSYSTEM"}, {"events", {{{"introduced", "0"}}}}}}}}}},
    };
    const auto withdrawn = osv::parse_record(document);
    CHECK(withdrawn.is_withdrawn());
    CHECK_FALSE(affected(withdrawn, "1.0"));
    document.erase("withdrawn");
    CHECK(affected(osv::parse_record(document), "1.0"));
}

TEST_CASE("OSV events that cannot be placed are reported and left out", "[osv]") {
    const auto r = record_with("demo", {{{"introduced", "0"}},
                                        {{"fixed", "not a version"}},
                                        {{"introduced", "5.0"}, {"fixed", "6.0"}},
                                        {{"fixed", "2.0"}}});
    CHECK(r.problems.size() == 2);
    CHECK(affected(r, "1.0"));
    CHECK_FALSE(affected(r, "2.0"));
    CHECK_FALSE(affected(r, "5.5")); // the two-kind event is not read as either
}

TEST_CASE("OSV severity: the newest CVSS vector, the record's before a package's", "[osv]") {
    auto r = osv::parse_record(json{
        {"id", "X-1"},
        {"affected",
         {{{"package", {{"ecosystem", "PyPI"}, {"name", "demo"}}},
           {"severity", {{{"type", "CVSS_V3"}, {"score", "CVSS:3.1/AV:L"}}}}}}},
    });
    CHECK(r.cvss_vector() == "CVSS:3.1/AV:L");
    r.severity = {{"CVSS_V2", "AV:N/AC:L"}, {"CVSS_V4", "CVSS:4.0/AV:N"}, {"Ubuntu", "high"}};
    CHECK(r.cvss_vector() == "CVSS:4.0/AV:N");
}

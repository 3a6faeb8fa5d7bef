// Unit tests of the scanner's parts: gitignore matching, source decoding, fingerprints, filters,
// the baseline, and the JSON/text/SARIF writers on hand-made reports.
#include "analysis/analyzer.hpp"
#include "protocol/utf8.hpp"
#include "server/check/baseline.hpp"
#include "server/check/filters.hpp"
#include "server/check/fingerprint.hpp"
#include "server/check/ignore.hpp"
#include "server/check/report.hpp"
#include "server/check/source.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace vigil::server::check;
using vigil::analysis::Level;

TEST_CASE("glob_match: stars, classes, double stars", "[check][ignore]") {
    CHECK(glob_match("*.py", "a.py"));
    CHECK_FALSE(glob_match("*.py", "dir/a.py"));
    CHECK(glob_match("a?c", "abc"));
    CHECK_FALSE(glob_match("a?c", "a/c"));
    CHECK(glob_match("[abc].py", "b.py"));
    CHECK_FALSE(glob_match("[!abc].py", "b.py"));
    CHECK(glob_match("[a-c]x", "cx"));
    CHECK(glob_match("**/foo", "foo"));
    CHECK(glob_match("**/foo", "a/b/foo"));
    CHECK(glob_match("a/**", "a/b/c"));
    CHECK_FALSE(glob_match("a/**", "a"));
    CHECK(glob_match("a/**/b", "a/b"));
    CHECK(glob_match("a/**/b", "a/x/y/b"));
    CHECK_FALSE(glob_match("a/**/b", "a/x/y/c"));
    CHECK(glob_match("\\*.py", "*.py"));
    CHECK_FALSE(glob_match("\\*.py", "a.py"));
    CHECK(glob_match("[unclosed", "[unclosed"));
}

TEST_CASE("IgnoreFile: anchoring, directories, negation, last match wins", "[check][ignore]") {
    const IgnoreFile file("/repo",
                          "# comment\n\nbuild/\n/top.py\ndoc/gen.py\n*.log.py\n!keep.log.py\n"
                          "trailing.py   \n");
    CHECK(file.match("/repo/build", true) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repo/src/build", true) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repo/build", false) == IgnoreVerdict::None); // a file named build
    CHECK(file.match("/repo/top.py", false) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repo/sub/top.py", false) == IgnoreVerdict::None);
    CHECK(file.match("/repo/doc/gen.py", false) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repo/x/doc/gen.py", false) == IgnoreVerdict::None);
    CHECK(file.match("/repo/a/x.log.py", false) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repo/a/keep.log.py", false) == IgnoreVerdict::Included);
    CHECK(file.match("/repo/trailing.py", false) == IgnoreVerdict::Ignored);
    CHECK(file.match("/repository/top.py", false) == IgnoreVerdict::None);     // not under /repo
    CHECK(file.match("/elsewhere/x.log.py", false) == IgnoreVerdict::Ignored); // by name
}

TEST_CASE("decode: UTF-8, BOM, cookies, binary, invalid bytes", "[check][source]") {
    CHECK(decode_python_source("x = 'é'\n").text == "x = 'é'\n");
    CHECK(decode_python_source("\xEF\xBB\xBFx = 1\n").text == "x = 1\n");
    SourceText latin = decode_python_source("# -*- coding: latin-1 -*-\ns = '\xE9'\n");
    CHECK(latin.error.empty());
    CHECK(latin.text == "# -*- coding: latin-1 -*-\ns = '\xC3\xA9'\n");
    SourceText cp1252 =
        decode_python_source("#!/usr/bin/env python\n# coding=cp1252\ns = '\x80'\n");
    CHECK(cp1252.error.empty());
    CHECK(cp1252.text.find("\xE2\x82\xAC") != std::string::npos); // the euro sign
    CHECK(decode_python_source(std::string("a\0b", 3)).error.find("NUL") != std::string::npos);
    SourceText invalid = decode_python_source("x = 1\ny = '\xFF'\n");
    CHECK(invalid.error.find("invalid UTF-8 (byte 0xFF on line 2)") != std::string::npos);
    CHECK(decode_python_source("# coding: klingon\n").error.find("klingon") != std::string::npos);
    // A cookie on line 2 counts only after a comment or blank line 1.
    CHECK(coding_cookie("x = 1\n# coding: latin-1\n") == std::nullopt);
    CHECK(coding_cookie("\n# vim: set fileencoding=utf8 :\n") == "utf-8");
    CHECK(coding_cookie("# coding=UTF_8\n") == "utf-8");
    CHECK(coding_cookie("# This is coded: never\n") == std::nullopt);
}

TEST_CASE("invalid_utf8_offset rejects overlongs, surrogates and truncation", "[check][source]") {
    CHECK(vigil::protocol::invalid_utf8_offset("plain ascii text that is long enough") ==
          std::string_view::npos);
    CHECK(vigil::protocol::invalid_utf8_offset("\xF0\x9F\x98\x80 emoji") == std::string_view::npos);
    CHECK(vigil::protocol::invalid_utf8_offset("ab\xC0\xAF") == 2);          // overlong '/'
    CHECK(vigil::protocol::invalid_utf8_offset("\xED\xA0\x80") == 0);        // a surrogate
    CHECK(vigil::protocol::invalid_utf8_offset("abcdefghij\xE2\x82") == 10); // truncated
    CHECK(vigil::protocol::invalid_utf8_offset("\xF4\x90\x80\x80") == 0);    // past U+10FFFF
}

TEST_CASE("fingerprints ignore whitespace and line numbers, count occurrences",
          "[check][fingerprint]") {
    CHECK(normalize_line("  eval( x )\t\r") == "eval( x )");
    CHECK(normalize_line("a   b\t\tc") == "a b c");
    CHECK(fingerprint("B307", "a.py", "    eval(x)", 0) ==
          fingerprint("B307", "a.py", "eval(x)  ", 0));
    CHECK(fingerprint("B307", "a.py", "eval(x)", 0) != fingerprint("B307", "a.py", "eval(x)", 1));
    CHECK(fingerprint("B307", "a.py", "eval(x)", 0) != fingerprint("B102", "a.py", "eval(x)", 0));
    CHECK(fingerprint("B307", "a.py", "eval(x)", 0) != fingerprint("B307", "b.py", "eval(x)", 0));
    // Stored in baselines: the value must never change.
    CHECK(fnv1a("") == 0xcbf29ce484222325ull);
    CHECK(fnv1a("a") == 0xaf63dc4c8601ec8cull);
    CHECK(fingerprint("B307", "a.py", "eval(x)", 2).ends_with(":2"));
    CHECK(fingerprint("B307", "a.py", "eval(x)", 2).size() == 18);
}

namespace {

vigil::analysis::Finding finding(std::string code, Level severity, Level confidence) {
    vigil::analysis::Finding f;
    f.code = std::move(code);
    f.severity = severity;
    f.confidence = confidence;
    return f;
}

// Whether the scan keeps `f` with these flags, through the engine's own configuration.
bool keeps(std::vector<std::string> select, std::vector<std::string> ignore,
           const vigil::analysis::Finding& f, std::string severity = "",
           std::string confidence = "") {
    std::string error;
    auto overrides = make_overrides(select, ignore, "", severity, confidence, error);
    REQUIRE(overrides);
    vigil::analysis::Config config;
    vigil::analysis::apply_overrides(config, *overrides);
    const auto* rule = vigil::analysis::find_rule(f.code);
    REQUIRE(rule);
    return config.enables(rule->info, "a.py") && config.reports(f);
}

} // namespace

TEST_CASE("filters: prefixes, specificity, thresholds", "[check][filters]") {
    const auto b602 = finding("B602", Level::High, Level::High);
    const auto b307 = finding("B307", Level::Medium, Level::High);
    CHECK(keeps({}, {}, b602));
    CHECK(keeps({"B6"}, {}, b602));
    CHECK_FALSE(keeps({"B6"}, {}, b307));
    CHECK_FALSE(keeps({"B6"}, {"B602"}, b602));
    CHECK(keeps({"B602"}, {"B6"}, b602));     // the more specific selector wins
    CHECK_FALSE(keeps({"B6"}, {"B6"}, b602)); // ignore wins a tie
    CHECK(keeps({"ALL"}, {"B3"}, b602));
    CHECK(keeps({"b602, b307"}, {}, b307)); // comma lists, any case
    CHECK(keeps({"S307"}, {}, b307));       // ruff aliases
    CHECK_FALSE(keeps({}, {}, b307, "high"));
    CHECK(keeps({}, {}, b602, "medium"));
    CHECK_FALSE(keeps({}, {}, finding("B602", Level::High, Level::Medium), "", "high"));
    std::string error;
    CHECK_FALSE(make_overrides({}, {}, "paranoid", "", "", error));
    CHECK(error.find("paranoid") != std::string::npos);
    CHECK_FALSE(make_overrides({}, {}, "", "huge", "", error));
}

namespace {

FileReport sample_report() {
    FileReport report;
    report.path = "app/run.py";
    report.analysed = true;
    ReportFinding f;
    f.code = "B307";
    f.message = "Use of eval";
    f.severity = Level::Medium;
    f.confidence = Level::High;
    f.cwe = 78;
    f.line = 4;
    f.column = 13;
    f.end_line = 4;
    f.end_column = 23;
    f.fix_available = true;
    f.source_line = "    value = eval(data)";
    f.fingerprint = "0123456789abcdef:0";
    report.findings.push_back(f);
    f.code = "B102";
    f.in_baseline = true;
    f.fingerprint = "fedcba9876543210:0";
    report.findings.push_back(f);
    report.notices.push_back({Notice::Kind::SyntaxError, "app/run.py", "syntax error", 9, 2});
    return report;
}

} // namespace

TEST_CASE("JSON writer: exact output, baseline findings only in the baseline report",
          "[check][report]") {
    std::ostringstream out;
    auto writer = make_json_writer(out, false);
    writer->begin();
    writer->file(sample_report());
    writer->end({});
    CHECK(out.str() ==
          "[\n"
          "  {\"kind\":\"finding\",\"path\":\"app/run.py\",\"line\":4,\"column\":13,\"end_line\":4,"
          "\"end_column\":23,\"code\":\"B307\",\"severity\":\"MEDIUM\",\"confidence\":\"HIGH\","
          "\"cwe\":78,\"message\":\"Use of eval\",\"fix_available\":true,"
          "\"fingerprint\":\"0123456789abcdef:0\"},\n"
          "  {\"kind\":\"syntax-error\",\"path\":\"app/run.py\",\"message\":\"syntax error\","
          "\"line\":9,\"column\":2}\n"
          "]\n");

    std::ostringstream all;
    auto baseline_writer = make_json_writer(all, true);
    baseline_writer->begin();
    baseline_writer->file(sample_report());
    baseline_writer->end({});
    CHECK(nlohmann::json::parse(all.str()).size() == 3);

    std::ostringstream empty;
    auto empty_writer = make_json_writer(empty, false);
    empty_writer->begin();
    empty_writer->end({});
    CHECK(empty.str() == "[]\n");
}

TEST_CASE("text writer: location, source line and carets; colour only on request",
          "[check][report]") {
    std::ostringstream out;
    auto writer = make_text_writer(out, false);
    writer->file(sample_report());
    CHECK(out.str() == "app/run.py:4:13: B307 [MEDIUM/HIGH] Use of eval (fix available)\n"
                       "    4 |     value = eval(data)\n"
                       "      |             ^^^^^^^^^^\n"
                       "\n");
    std::ostringstream colored;
    auto color_writer = make_text_writer(colored, true);
    color_writer->file(sample_report());
    CHECK(colored.str().find("\033[") != std::string::npos);
}

TEST_CASE("SARIF writer: results, fingerprints, notifications", "[check][report]") {
    std::ostringstream out;
    auto writer = make_sarif_writer(out, SarifContext{"1.2.3", "/work/repo"});
    writer->begin();
    FileReport report = sample_report();
    writer->file(report);
    FileReport outside;
    outside.path = "../other/x.py";
    outside.notices.push_back({Notice::Kind::Error, "../other/x.py", "binary file"});
    writer->file(outside);
    writer->end({});
    const auto log = nlohmann::json::parse(out.str());
    CHECK(log["version"] == "2.1.0");
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "vigil");
    CHECK(run["tool"]["driver"]["version"] == "1.2.3");
    CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///work/repo/");
    REQUIRE(run["results"].size() == 1); // the baseline finding is left out
    const auto& result = run["results"][0];
    CHECK(result["ruleId"] == "B307");
    CHECK(result["level"] == "warning");
    CHECK(result["partialFingerprints"]["vigilLineHash/v1"] == "0123456789abcdef:0");
    const auto& location = result["locations"][0]["physicalLocation"];
    CHECK(location["artifactLocation"]["uri"] == "app/run.py");
    CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
    CHECK(location["region"] ==
          nlohmann::json{{"startLine", 4}, {"startColumn", 13}, {"endLine", 4}, {"endColumn", 23}});
    const auto& notes = run["invocations"][0]["toolExecutionNotifications"];
    REQUIRE(notes.size() == 2);
    CHECK(notes[0]["level"] == "warning");
    CHECK(notes[1]["level"] == "error");
    CHECK(notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "file:///work/other/x.py");
}

TEST_CASE("baseline: loads a JSON report, matches path + code + fingerprint", "[check][baseline]") {
    const std::string file = "check_test_baseline.json";
    {
        std::ofstream stream(file);
        stream << R"([{"kind":"finding","path":"a.py","code":"B307","fingerprint":"00:0","line":3},
                     {"kind":"error","path":"b.py","message":"binary"},
                     {"kind":"finding","path":"a.py","code":"B307","fingerprint":"00:1"}])";
    }
    std::string error;
    const auto baseline = Baseline::load(file, error);
    REQUIRE(baseline);
    CHECK(baseline->size() == 2);
    CHECK(baseline->contains("a.py", "B307", "00:0"));
    CHECK(baseline->contains("a.py", "B307", "00:1"));
    CHECK_FALSE(baseline->contains("a.py", "B307", "00:2"));
    CHECK_FALSE(baseline->contains("c.py", "B307", "00:0"));
    CHECK_FALSE(baseline->contains("a.py", "B102", "00:0"));
    {
        std::ofstream stream(file);
        stream << "{\"not\": \"a report\"}";
    }
    CHECK_FALSE(Baseline::load(file, error));
    CHECK_FALSE(Baseline::load("does-not-exist.json", error));
    std::remove(file.c_str());
}

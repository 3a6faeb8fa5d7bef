// What the scanner reports, independent of the output format: one file's findings with their
// positions and fingerprints, problems met on the way, and the writers that render them.
//
// Positions are 1-based lines and columns counted in Unicode code points (SARIF's
// "unicodeCodePoints" column kind); end_column is exclusive, one past the last character, as in
// SARIF regions.
#pragma once

#include "analysis/finding.hpp"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace vigil::server::check {

// One step of a data-flow finding's path, positioned like a finding.
struct ReportFlowStep {
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::uint32_t end_line = 1;
    std::uint32_t end_column = 1;
    std::string message;
};

struct ReportFinding {
    std::string code;
    std::string message;
    analysis::Level severity = analysis::Level::Medium;
    analysis::Level confidence = analysis::Level::Medium;
    int cwe = 0;
    std::uint32_t line = 1;
    std::uint32_t column = 1;
    std::uint32_t end_line = 1;
    std::uint32_t end_column = 1;
    bool fix_available = false;
    std::string source_line;  // the text of `line`, without its terminator
    std::string fingerprint;  // see fingerprint.hpp
    bool in_baseline = false; // known from --baseline: written to --write-baseline only
    std::vector<ReportFlowStep> flow; // data-flow findings: source first, sink last
};

struct Notice {
    enum class Kind { Error, SyntaxError };
    Kind kind = Kind::Error;
    std::string path;
    std::string message;
    std::uint32_t line = 0; // 0: not about a position
    std::uint32_t column = 0;
};

struct FileReport {
    std::string path; // as displayed
    std::vector<ReportFinding> findings;
    std::vector<Notice> notices;
    bool analysed = false; // false: skipped (see notices)
    std::string diff;      // --diff: the safe fixes as a unified diff
    std::size_t fixed = 0; // --fix: findings fixed in the file (the findings are what remains)
};

struct ScanSummary {
    std::size_t files = 0;                     // analysed
    std::size_t skipped = 0;                   // could not be analysed
    std::size_t syntax_errors = 0;             // analysed despite syntax errors
    std::size_t findings = 0;                  // reported
    std::size_t by_severity[4] = {0, 0, 0, 0}; // indexed by analysis::Level
    std::size_t in_baseline = 0;               // found but known from the baseline
    std::size_t fixed = 0;                     // --fix: findings fixed
    std::size_t fixable_files = 0;             // --diff: files with safe fixes
    double seconds = 0;
};

class ReportWriter {
public:
    virtual ~ReportWriter() = default;
    virtual void begin() {}
    // Writes the findings not in the baseline (all of them for a baseline writer) and, for the
    // machine formats, the notices.
    virtual void file(const FileReport& report) = 0;
    virtual void end(const ScanSummary& summary) = 0;
};

struct SarifContext {
    std::string tool_version;
    std::string working_directory; // absolute; URIs are made relative to it (%SRCROOT%)
};

std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, bool color);
// include_baseline: write findings marked in_baseline too (the --write-baseline report).
std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, bool include_baseline);
std::unique_ptr<ReportWriter> make_sarif_writer(std::ostream& out, SarifContext context);

} // namespace vigil::server::check

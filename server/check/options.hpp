// Everything `vigil check` can be asked to do, as parsed from its command line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vigil::server {

// The benchmark's floors (hidden options): read, decode and parse every file, then stop
// (--parse-only), or also visit every node of each tree once (--walk-only). No rule runs.
enum class Floor { None, Parse, Walk };

enum class ReportFormat { Text, Json, Sarif };

struct CheckOptions {
    std::vector<std::string> paths; // files or directories; default "."
    ReportFormat format = ReportFormat::Text;
    std::string output; // report file; empty: stdout

    // Rule filters (see check/filters.hpp).
    std::vector<std::string> select; // codes or prefixes, Bandit IDs or ruff S codes
    std::vector<std::string> ignore;
    std::string profile;    // "default", "bandit" or "all"; empty: as configured
    std::string severity;   // minimum severity: "low", "medium", "high"; empty: all
    std::string confidence; // minimum confidence

    // Which files.
    std::vector<std::string> exclude; // gitignore-style patterns, relative to the working directory
    bool respect_gitignore = true;

    std::string baseline;       // a JSON report from an earlier run: report only what is new
    std::string write_baseline; // write every current finding here as a JSON report

    std::string stdin_filename; // non-empty: lint stdin under this name
    unsigned jobs = 0;          // 0: one per core
    bool exit_zero = false;
    bool quiet = false;        // no progress bar, no summary, no per-file notices on stderr
    Floor floor = Floor::None; // hidden: stop at a benchmark floor
    bool fix = false;          // apply safe fixes to the files
    bool diff = false;         // print the safe fixes as a unified diff instead of a report
    std::optional<bool> color; // unset: when stdout is a terminal and NO_COLOR is unset
};

} // namespace vigil::server

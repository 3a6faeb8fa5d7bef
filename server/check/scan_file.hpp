// One file through the engine: decode, parse, analyse, filter, and turn byte ranges into report
// positions and fingerprints. A file with syntax errors is still analysed (tree-sitter recovers
// and the rules see every well-formed statement), and gets a syntax-error notice with the first
// error's position so the user knows the findings may be incomplete.
#pragma once

#include "analysis/config_loader.hpp"
#include "server/check/baseline.hpp"
#include "server/check/options.hpp"
#include "server/check/report.hpp"

#include <tree_sitter/api.h>

#include <mutex>
#include <set>
#include <string>

namespace vigil::server::check {

// Reports each broken configuration file once, however many files it applies to.
class ConfigErrorLog {
public:
    void report(const analysis::ConfigError& error);

private:
    std::mutex mutex_;
    std::set<std::string> reported_;
};

struct ScanContext {
    // Each file gets its own configuration (the nearest pyproject.toml / Bandit settings), with
    // the command line's selection on top.
    analysis::ConfigLoader* loader = nullptr;
    analysis::ConfigOverrides overrides;
    ConfigErrorLog* config_errors = nullptr;
    const Baseline* baseline = nullptr; // may be null
    Floor floor = Floor::None;
    enum class FixMode { None, Diff, Write };
    FixMode fix_mode = FixMode::None; // applies to files read from disk
};

// Reads and scans the file at `path` (also its display path).
FileReport scan_path(const std::string& path, TSParser* parser, const ScanContext& context);

// Scans bytes already read (stdin), reported under `path`.
FileReport scan_bytes(const std::string& path, std::string bytes, TSParser* parser,
                      const ScanContext& context);

} // namespace vigil::server::check

// A database of OSV advisories for PyPI, loaded from either published layout and indexed by
// PEP 503-normalised package name:
//  - the OSV export archive (`all.zip`: one JSON record per entry), read with libzip;
//  - a directory of records, walked recursively: `*.json`, and `*.yaml`/`*.yml` (the PyPA
//    advisory database's layout, `vulns/<package>/<ID>.yaml`), read with yaml-cpp.
// Records that name each other through their ids and aliases (PYSEC, GHSA, CVE...) are merged
// into one Vulnerability, so a package version gets one match per vulnerability, not one per
// database that published it. Withdrawn records are counted and left out.
//
// Loading reads everything once; queries after that are a hash lookup and PEP 440 comparisons
// over the package's few records. The object is immutable after load (safe to share between
// threads for queries).
#pragma once

#include "analysis/dependencies/osv.hpp"
#include "analysis/dependencies/pep440.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::analysis::advisories {

// The database itself cannot be read (no such path, not a zip, unreadable directory).
struct LoadError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A record that could not be used: its file (or archive entry) and why.
struct LoadProblem {
    std::string source;
    std::string message;
};

// One vulnerability as a finding shows it: the records that alias each other.
struct Vulnerability {
    std::vector<const osv::Record*> records; // sorted by id
    std::vector<std::string> ids;            // the records' ids, then their other aliases, sorted
};

// A vulnerability that affects a queried package version: only the records that do.
struct Match {
    const Vulnerability* vulnerability = nullptr;
    std::vector<const osv::Record*> affecting;
    std::vector<std::string> fixed; // the `fixed` versions those records give for the package
};

struct Document {
    std::string source; // file path or archive entry name, for problems
    std::string text;
    bool yaml = false;
};

class AdvisoryDatabase {
public:
    AdvisoryDatabase() = default;
    // Matches point into the database: it moves (vectors keep their elements), never copies.
    AdvisoryDatabase(const AdvisoryDatabase&) = delete;
    AdvisoryDatabase& operator=(const AdvisoryDatabase&) = delete;
    AdvisoryDatabase(AdvisoryDatabase&&) = default;
    AdvisoryDatabase& operator=(AdvisoryDatabase&&) = default;

    // A directory or an OSV export zip (by content: a file starting with the zip signature).
    // Throws LoadError when the path itself cannot be read; bad records become problems().
    // Parsing is most of the time (yaml-cpp especially) and runs on `threads` threads (0: one per
    // core, at most 8); the result does not depend on it. The caller owns the decision: the
    // scanner may pass its -j, the server loads once in the background.
    static AdvisoryDatabase load(const std::filesystem::path& path, std::size_t threads = 0);
    // From documents already in memory (the two loaders end here; tests and benchmarks too).
    static AdvisoryDatabase from_documents(std::vector<Document> documents,
                                           std::size_t threads = 0);

    // The vulnerabilities affecting `name` (any spelling) at `version`, in id order.
    std::vector<Match> query(std::string_view name, const pep440::Version& version) const;
    // The version to raise a pin to: the lowest `fixed` version above `version`, among those the
    // package's advisories give, that no advisory affects (so it fixes every vulnerability at
    // once, and is not hit by another one). Pre-releases are candidates only for a pre-release
    // pin. Nothing when no such version is known (unfixed, or only last_affected bounds).
    std::optional<pep440::Version> first_safe_version(std::string_view name,
                                                      const pep440::Version& version) const;
    // Every live record that names the package (for ranges of versions, next to pins).
    std::vector<const osv::Record*> records_for(std::string_view name) const;

    const std::vector<osv::Record>& records() const { return records_; } // live records only
    const std::vector<Vulnerability>& vulnerabilities() const { return vulnerabilities_; }
    std::size_t withdrawn_count() const { return withdrawn_; }
    std::size_t package_count() const { return by_package_.size(); }
    const std::vector<LoadProblem>& problems() const { return problems_; }

private:
    std::vector<osv::Record> records_;
    std::vector<Vulnerability> vulnerabilities_;
    std::vector<std::size_t> vulnerability_of_; // per record
    std::unordered_map<std::string, std::vector<std::size_t>> by_package_;
    std::size_t withdrawn_ = 0;
    std::vector<LoadProblem> problems_;
};

// Reading the layouts, exposed for tests: every record document of a directory, or of a zip.
std::vector<Document> read_directory(const std::filesystem::path& directory,
                                     std::vector<LoadProblem>& problems);
std::vector<Document> read_zip(const std::filesystem::path& archive,
                               std::vector<LoadProblem>& problems);

// A YAML document as the JSON an OSV record would be: mappings become objects, sequences arrays,
// every scalar a string (so `fixed: 1.10` stays "1.10", never the number 1.1). Throws
// osv::RecordError on invalid YAML.
osv::Record parse_yaml_record(std::string_view text);

} // namespace vigil::analysis::advisories

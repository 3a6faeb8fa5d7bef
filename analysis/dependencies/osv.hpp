// OSV vulnerability records (https://ossf.github.io/osv-schema/), as far as matching PyPI
// packages needs them: identity, aliases, text, withdrawal, severity (CVSS vectors), CWE ids, and
// the affected packages with their version ranges and lists. affects() is the schema's evaluation
// algorithm (IsVulnerable) with PEP 440 as the PyPI ecosystem's order.
#pragma once

#include "analysis/dependencies/pep440.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::osv {

// A record that is not an OSV object (not an object, no string id, a field of the wrong type).
struct RecordError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class EventKind { introduced, fixed, last_affected, limit };

struct Event {
    EventKind kind = EventKind::introduced;
    std::string version; // as written; "0" for introduced and "*" for limit are the special values
    // PEP 440 reading of `version` (nothing for "0", "*", and strings that are not versions).
    std::optional<pep440::Version> parsed;
};

struct Range {
    std::string type; // "ECOSYSTEM", "SEMVER", "GIT"
    std::string repo;
    std::vector<Event> events;
};

struct Severity {
    std::string type;  // "CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu"
    std::string score; // a CVSS vector for the CVSS types
};

struct Package {
    std::string ecosystem;       // "PyPI"
    std::string name;            // as written
    std::string normalized_name; // PEP 503 for PyPI, the name itself elsewhere
    std::string purl;
};

struct Affected {
    Package package;
    std::vector<Range> ranges;
    std::vector<std::string> versions;
    std::vector<Severity> severity;
};

struct Reference {
    std::string type;
    std::string url;
};

struct Record {
    std::string id;
    std::string modified;
    std::string published;
    std::string withdrawn; // empty: not withdrawn
    std::vector<std::string> aliases;
    std::vector<std::string> related;
    std::string summary;
    std::string details;
    std::vector<Severity> severity;
    std::vector<Affected> affected;
    std::vector<Reference> references;
    std::vector<std::string> cwe_ids; // database_specific.cwe_ids (GitHub's records), "CWE-79"
    std::string database_severity;    // database_specific.severity: "LOW" ... "CRITICAL"
    // What the parser could not use, for diagnostics: "affected[0].ranges[1]: event version
    // 'foo' is not a PEP 440 version". Such events take no part in matching.
    std::vector<std::string> problems;

    bool is_withdrawn() const { return !withdrawn.empty(); }
    // The CVSS vector to rate it by: the record's or its first package's, the newest CVSS
    // version first. Empty when there is none.
    std::string cvss_vector() const;
};

// From a parsed JSON document (an OSV record; YAML records are converted to this form first,
// every scalar a string). Throws RecordError.
Record parse_record(const nlohmann::json& json);
// From JSON text. Throws RecordError (invalid JSON included).
Record parse_record_text(std::string_view text);

// The ecosystem Vigil matches: "PyPI".
inline constexpr std::string_view pypi = "PyPI";

// OSV's IsVulnerable for the PyPI package `name` (any spelling; compared PEP 503-normalised) at
// `version`: some affected entry for that package lists the version (PEP 440 equality) or has a
// range containing it. A range is evaluated as the schema's pseudocode says: when some `limit`
// exists the version must be below one of them ("*" is infinity); events are sorted by version
// ("0" first; at equal versions `introduced` first, so [introduced X, fixed X] is empty) and
// walked: introduced <= v sets affected, fixed <= v or last_affected < v clears it. ECOSYSTEM
// ranges are PEP 440 for PyPI; SEMVER ranges (not used by PyPI's databases) are read the same way;
// GIT ranges name commits, not releases, and do not apply. Withdrawn records affect nothing.
bool affects(const Record& record, std::string_view name, const pep440::Version& version);

// One range alone (the inner loop of affects()).
bool range_contains(const Range& range, const pep440::Version& version);

// The `fixed` versions of the ranges that apply to `name`, in record order, duplicates removed.
std::vector<std::string> fixed_versions(const Record& record, std::string_view name);

} // namespace vigil::analysis::osv

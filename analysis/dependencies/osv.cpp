#include "analysis/dependencies/osv.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace vigil::analysis::osv {

namespace {

using nlohmann::json;

std::string where(std::string_view path, std::string_view field) {
    return std::string(path) + (path.empty() ? "" : ".") + std::string(field);
}

// An optional string member; a present member of another type is an error (null counts as
// absent).
std::string string_member(const json& object, const char* key, std::string_view path) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return {};
    }
    if (!it->is_string()) {
        throw RecordError(where(path, key) + " is not a string");
    }
    return it->get<std::string>();
}

const json* array_member(const json& object, const char* key, std::string_view path) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return nullptr;
    }
    if (!it->is_array()) {
        throw RecordError(where(path, key) + " is not an array");
    }
    return &*it;
}

std::vector<std::string> strings_member(const json& object, const char* key,
                                        std::string_view path) {
    std::vector<std::string> out;
    if (const json* array = array_member(object, key, path)) {
        for (const auto& item : *array) {
            if (!item.is_string()) {
                throw RecordError(where(path, key) + " holds a non-string");
            }
            out.push_back(item.get<std::string>());
        }
    }
    return out;
}

std::vector<Severity> severity_member(const json& object, std::string_view path) {
    std::vector<Severity> out;
    if (const json* array = array_member(object, "severity", path)) {
        for (const auto& item : *array) {
            if (!item.is_object()) {
                throw RecordError(where(path, "severity") + " holds a non-object");
            }
            out.push_back({string_member(item, "type", path), string_member(item, "score", path)});
        }
    }
    return out;
}

Range parse_range(const json& object, const std::string& path, std::vector<std::string>& problems) {
    if (!object.is_object()) {
        throw RecordError(path + " is not an object");
    }
    Range range;
    range.type = string_member(object, "type", path);
    range.repo = string_member(object, "repo", path);
    const json* events = array_member(object, "events", path);
    if (!events) {
        return range;
    }
    static constexpr std::pair<const char*, EventKind> kinds[] = {
        {"introduced", EventKind::introduced},
        {"fixed", EventKind::fixed},
        {"last_affected", EventKind::last_affected},
        {"limit", EventKind::limit},
    };
    const bool versioned = range.type == "ECOSYSTEM" || range.type == "SEMVER";
    for (std::size_t i = 0; i < events->size(); ++i) {
        const json& item = (*events)[i];
        const std::string event_path = path + ".events[" + std::to_string(i) + "]";
        if (!item.is_object()) {
            throw RecordError(event_path + " is not an object");
        }
        std::vector<Event> found;
        for (const auto& [key, kind] : kinds) {
            if (!item.contains(key)) {
                continue;
            }
            Event event;
            event.kind = kind;
            event.version = string_member(item, key, event_path);
            const bool special = (kind == EventKind::introduced && event.version == "0") ||
                                 (kind == EventKind::limit && event.version == "*");
            if (versioned && !special) {
                event.parsed = pep440::Version::parse(event.version);
                if (!event.parsed) {
                    problems.push_back(event_path + ": '" + event.version +
                                       "' is not a PEP 440 version; the event is ignored");
                }
            }
            found.push_back(std::move(event));
        }
        if (found.size() == 1) {
            range.events.push_back(std::move(found.front()));
        } else {
            // The schema allows exactly one kind per event; an event with none or several
            // cannot be placed on the timeline, and is left out.
            problems.push_back(event_path + ": an event must have exactly one of introduced, "
                                            "fixed, last_affected, limit; the event is ignored");
        }
    }
    return range;
}

Affected parse_affected(const json& object, const std::string& path,
                        std::vector<std::string>& problems) {
    if (!object.is_object()) {
        throw RecordError(path + " is not an object");
    }
    Affected affected;
    if (const auto it = object.find("package"); it != object.end() && !it->is_null()) {
        if (!it->is_object()) {
            throw RecordError(path + ".package is not an object");
        }
        const std::string package_path = path + ".package";
        affected.package.ecosystem = string_member(*it, "ecosystem", package_path);
        affected.package.name = string_member(*it, "name", package_path);
        affected.package.purl = string_member(*it, "purl", package_path);
        affected.package.normalized_name = affected.package.ecosystem == pypi
                                               ? pep440::canonicalize_name(affected.package.name)
                                               : affected.package.name;
    }
    if (const json* ranges = array_member(object, "ranges", path)) {
        for (std::size_t i = 0; i < ranges->size(); ++i) {
            affected.ranges.push_back(
                parse_range((*ranges)[i], path + ".ranges[" + std::to_string(i) + "]", problems));
        }
    }
    affected.versions = strings_member(object, "versions", path);
    affected.severity = severity_member(object, path);
    return affected;
}

bool is_pypi_package(const Affected& affected, std::string_view normalized_name) {
    return affected.package.ecosystem == pypi &&
           affected.package.normalized_name == normalized_name;
}

// The position of an event on the version line, for sorting: "0" first, then by version, and at
// one version `introduced` before the others. Events that did not parse are left out by callers.
bool event_before(const Event& a, const Event& b) {
    const bool a_zero = a.kind == EventKind::introduced && !a.parsed;
    const bool b_zero = b.kind == EventKind::introduced && !b.parsed;
    if (a_zero || b_zero) {
        return a_zero && !b_zero;
    }
    if (auto c = *a.parsed <=> *b.parsed; c != 0) {
        return c < 0;
    }
    return a.kind == EventKind::introduced && b.kind != EventKind::introduced;
}

} // namespace

Record parse_record(const json& document) {
    if (!document.is_object()) {
        throw RecordError("an OSV record is a JSON object");
    }
    Record record;
    record.id = string_member(document, "id", "");
    if (record.id.empty()) {
        throw RecordError("the record has no id");
    }
    record.modified = string_member(document, "modified", "");
    record.published = string_member(document, "published", "");
    record.withdrawn = string_member(document, "withdrawn", "");
    record.aliases = strings_member(document, "aliases", "");
    record.related = strings_member(document, "related", "");
    record.summary = string_member(document, "summary", "");
    record.details = string_member(document, "details", "");
    record.severity = severity_member(document, "");
    if (const json* affected = array_member(document, "affected", "")) {
        for (std::size_t i = 0; i < affected->size(); ++i) {
            record.affected.push_back(parse_affected(
                (*affected)[i], "affected[" + std::to_string(i) + "]", record.problems));
        }
    }
    if (const json* references = array_member(document, "references", "")) {
        for (const auto& item : *references) {
            if (item.is_object()) {
                record.references.push_back({string_member(item, "type", "references"),
                                             string_member(item, "url", "references")});
            }
        }
    }
    // database_specific is free-form: read what is there in the expected shape, ignore the rest.
    if (const auto it = document.find("database_specific");
        it != document.end() && it->is_object()) {
        if (const auto cwes = it->find("cwe_ids"); cwes != it->end() && cwes->is_array()) {
            for (const auto& cwe : *cwes) {
                if (cwe.is_string()) {
                    record.cwe_ids.push_back(cwe.get<std::string>());
                }
            }
        }
        if (const auto severity = it->find("severity");
            severity != it->end() && severity->is_string()) {
            record.database_severity = severity->get<std::string>();
        }
    }
    return record;
}

Record parse_record_text(std::string_view text) {
    json document = json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        throw RecordError("not valid JSON");
    }
    return parse_record(document);
}

std::string Record::cvss_vector() const {
    auto best = [](const std::vector<Severity>& list) -> std::string {
        for (const char* type : {"CVSS_V4", "CVSS_V3", "CVSS_V2"}) {
            for (const auto& s : list) {
                if (s.type == type && !s.score.empty()) {
                    return s.score;
                }
            }
        }
        return {};
    };
    if (auto vector = best(severity); !vector.empty()) {
        return vector;
    }
    for (const auto& a : affected) {
        if (auto vector = best(a.severity); !vector.empty()) {
            return vector;
        }
    }
    return {};
}

bool range_contains(const Range& range, const pep440::Version& version) {
    if (range.type != "ECOSYSTEM" && range.type != "SEMVER") {
        return false; // GIT: commits, not releases
    }
    // BeforeLimits.
    bool has_limit = false;
    bool below_a_limit = false;
    for (const auto& event : range.events) {
        if (event.kind != EventKind::limit) {
            continue;
        }
        if (event.version == "*") {
            has_limit = true;
            below_a_limit = true;
        } else if (event.parsed) {
            has_limit = true;
            below_a_limit = below_a_limit || version < *event.parsed;
        }
    }
    if (has_limit && !below_a_limit) {
        return false;
    }
    std::vector<const Event*> timeline;
    for (const auto& event : range.events) {
        const bool zero = event.kind == EventKind::introduced && event.version == "0";
        if (event.kind != EventKind::limit && (zero || event.parsed)) {
            timeline.push_back(&event);
        }
    }
    std::stable_sort(timeline.begin(), timeline.end(),
                     [](const Event* a, const Event* b) { return event_before(*a, *b); });
    bool vulnerable = false;
    for (const Event* event : timeline) {
        switch (event->kind) {
        case EventKind::introduced:
            if (!event->parsed || version >= *event->parsed) {
                vulnerable = true;
            }
            break;
        case EventKind::fixed:
            if (version >= *event->parsed) {
                vulnerable = false;
            }
            break;
        case EventKind::last_affected:
            if (version > *event->parsed) {
                vulnerable = false;
            }
            break;
        case EventKind::limit:
            break;
        }
    }
    return vulnerable;
}

bool affects(const Record& record, std::string_view name, const pep440::Version& version) {
    if (record.is_withdrawn()) {
        return false;
    }
    const std::string normalized = pep440::canonicalize_name(name);
    for (const auto& affected : record.affected) {
        if (!is_pypi_package(affected, normalized)) {
            continue;
        }
        // Parsed here, not at load: the PyPA database lists 145,000 versions, and a parsed
        // Version is a few hundred bytes; a query reads a handful of records.
        for (const auto& listed : affected.versions) {
            if (auto parsed = pep440::Version::parse(listed); parsed && *parsed == version) {
                return true;
            }
        }
        for (const auto& range : affected.ranges) {
            if (range_contains(range, version)) {
                return true;
            }
        }
    }
    return false;
}

std::vector<std::string> fixed_versions(const Record& record, std::string_view name) {
    const std::string normalized = pep440::canonicalize_name(name);
    std::vector<std::string> out;
    for (const auto& affected : record.affected) {
        if (!is_pypi_package(affected, normalized)) {
            continue;
        }
        for (const auto& range : affected.ranges) {
            if (range.type != "ECOSYSTEM" && range.type != "SEMVER") {
                continue;
            }
            for (const auto& event : range.events) {
                if (event.kind == EventKind::fixed &&
                    std::find(out.begin(), out.end(), event.version) == out.end()) {
                    out.push_back(event.version);
                }
            }
        }
    }
    return out;
}

} // namespace vigil::analysis::osv

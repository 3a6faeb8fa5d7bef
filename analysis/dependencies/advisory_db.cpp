#include "analysis/dependencies/advisory_db.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>

namespace vigil::analysis::advisories {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// yaml-cpp 0.7 writes some escapes of double-quoted scalars as single Latin-1 bytes instead of
// UTF-8 (`\_`, the no-break space, comes out as the byte A0: the PyPA database has such text).
// Every byte that is not part of valid UTF-8 is read as the Latin-1 character it would be, so the
// text stays valid UTF-8 for JSON reports and LSP messages.
std::string repair_utf8(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        std::size_t length = b < 0x80 ? 1 : 0;
        if (b >= 0xC2 && b <= 0xDF) {
            length = 2;
        } else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
        }
        bool valid = length > 0 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        }
        if (valid && length == 3) { // no overlong forms, no surrogates
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);
        } else if (valid && length == 4) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            valid = !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90);
        }
        if (valid) {
            out.append(text, i, length);
            i += length;
        } else {
            out += static_cast<char>(0xC0 | (b >> 6));
            out += static_cast<char>(0x80 | (b & 0x3F));
            ++i;
        }
    }
    return out;
}

json yaml_to_json(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return repair_utf8(node.Scalar());
    case YAML::NodeType::Sequence: {
        json array = json::array();
        for (const auto& item : node) {
            array.push_back(yaml_to_json(item));
        }
        return array;
    }
    case YAML::NodeType::Map: {
        json object = json::object();
        for (const auto& entry : node) {
            if (!entry.first.IsScalar()) {
                throw osv::RecordError("a YAML mapping key is not a scalar");
            }
            object[repair_utf8(entry.first.Scalar())] = yaml_to_json(entry.second);
        }
        return object;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return nullptr;
}

bool has_suffix(const std::string& name, std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string read_whole_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw LoadError("cannot read " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return std::move(text).str();
}

// Union-find over the ids and aliases of the records.
class Aliases {
public:
    std::size_t node(const std::string& id) {
        auto [it, inserted] = index_.emplace(id, parent_.size());
        if (inserted) {
            parent_.push_back(parent_.size());
        }
        return it->second;
    }
    std::size_t root(std::size_t n) {
        while (parent_[n] != n) {
            parent_[n] = parent_[parent_[n]];
            n = parent_[n];
        }
        return n;
    }
    void join(std::size_t a, std::size_t b) { parent_[root(a)] = root(b); }

private:
    std::unordered_map<std::string, std::size_t> index_;
    std::vector<std::size_t> parent_;
};

} // namespace

osv::Record parse_yaml_record(std::string_view text) {
    YAML::Node node;
    try {
        node = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        throw osv::RecordError(std::string("not valid YAML: ") + e.what());
    }
    return osv::parse_record(yaml_to_json(node));
}

std::vector<Document> read_directory(const fs::path& directory,
                                     std::vector<LoadProblem>& problems) {
    std::vector<Document> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(directory, fs::directory_options::skip_permission_denied,
                                        ec);
    if (ec) {
        throw LoadError("cannot read the directory " + directory.string() + ": " + ec.message());
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            problems.push_back({directory.string(), ec.message()});
            break;
        }
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec)) {
            // .git, .github (workflow YAML that is no advisory), editors' folders.
            if (!name.empty() && name.front() == '.') {
                it.disable_recursion_pending();
            }
            continue;
        }
        const bool yaml = has_suffix(name, ".yaml") || has_suffix(name, ".yml");
        if (!yaml && !has_suffix(name, ".json")) {
            continue;
        }
        try {
            out.push_back({it->path().string(), read_whole_file(it->path()), yaml});
        } catch (const LoadError& e) {
            problems.push_back({it->path().string(), e.what()});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const Document& a, const Document& b) { return a.source < b.source; });
    return out;
}

std::vector<Document> read_zip(const fs::path& archive, std::vector<LoadProblem>& problems) {
    int code = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> zip(zip_open(archive.c_str(), ZIP_RDONLY, &code),
                                                       &zip_discard);
    if (!zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        std::string message =
            "cannot open the archive " + archive.string() + ": " + zip_error_strerror(&error);
        zip_error_fini(&error);
        throw LoadError(message);
    }
    std::vector<Document> out;
    const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        zip_stat_t stat;
        if (zip_stat_index(zip.get(), index, 0, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME)) {
            problems.push_back(
                {archive.string() + "#" + std::to_string(i), zip_strerror(zip.get())});
            continue;
        }
        const std::string name = stat.name;
        if (!has_suffix(name, ".json")) {
            continue;
        }
        const std::string source = archive.string() + "#" + name;
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(zip.get(), index, 0), &zip_fclose);
        if (!file) {
            problems.push_back({source, zip_strerror(zip.get())});
            continue;
        }
        std::string text;
        if (stat.valid & ZIP_STAT_SIZE) {
            text.reserve(static_cast<std::size_t>(stat.size));
        }
        char buffer[1 << 16];
        zip_int64_t n = 0;
        while ((n = zip_fread(file.get(), buffer, sizeof buffer)) > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
        }
        if (n < 0) { // a damaged entry (libzip checks each entry's CRC as it reads to the end)
            problems.push_back({source, zip_file_strerror(file.get())});
            continue;
        }
        out.push_back({source, std::move(text), false});
    }
    std::sort(out.begin(), out.end(),
              [](const Document& a, const Document& b) { return a.source < b.source; });
    return out;
}

AdvisoryDatabase AdvisoryDatabase::load(const fs::path& path, std::size_t threads) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
        throw LoadError("no advisory database at " + path.string());
    }
    std::vector<LoadProblem> problems;
    std::vector<Document> documents;
    if (fs::is_directory(status)) {
        documents = read_directory(path, problems);
    } else {
        std::ifstream in(path, std::ios::binary);
        char magic[4] = {};
        in.read(magic, sizeof magic);
        if (in.gcount() != 4 || magic[0] != 'P' || magic[1] != 'K') {
            throw LoadError(path.string() +
                            " is neither a directory of OSV records nor a zip archive");
        }
        documents = read_zip(path, problems);
    }
    AdvisoryDatabase db = from_documents(std::move(documents), threads);
    db.problems_.insert(db.problems_.begin(), problems.begin(), problems.end());
    return db;
}

AdvisoryDatabase AdvisoryDatabase::from_documents(std::vector<Document> documents,
                                                  std::size_t threads) {
    AdvisoryDatabase db;
    std::unordered_map<std::string, std::size_t> by_id;
    std::vector<std::string> sources;
    // Parsing is most of a load (yaml-cpp especially): spread it over the cores, then merge in
    // document order so the result does not depend on the threads.
    std::vector<std::optional<osv::Record>> parsed(documents.size());
    std::vector<std::string> errors(documents.size());
    const std::size_t wanted = threads == 0 ? std::thread::hardware_concurrency() : threads;
    const std::size_t workers = documents.size() < 64 ? 1 : std::clamp<std::size_t>(wanted, 1, 8);
    auto parse_some = [&](std::size_t first) {
        for (std::size_t i = first; i < documents.size(); i += workers) {
            try {
                parsed[i] = documents[i].yaml ? parse_yaml_record(documents[i].text)
                                              : osv::parse_record_text(documents[i].text);
            } catch (const osv::RecordError& e) {
                errors[i] = e.what();
            }
        }
    };
    if (workers == 1) {
        parse_some(0);
    } else {
        std::vector<std::thread> helpers;
        for (std::size_t w = 1; w < workers; ++w) {
            helpers.emplace_back(parse_some, w);
        }
        parse_some(0);
        for (auto& thread : helpers) {
            thread.join();
        }
    }
    for (std::size_t d = 0; d < documents.size(); ++d) {
        const Document& document = documents[d];
        if (!parsed[d]) {
            db.problems_.push_back({document.source, errors[d]});
            continue;
        }
        osv::Record record = std::move(*parsed[d]);
        for (const auto& problem : record.problems) {
            db.problems_.push_back({document.source, problem});
        }
        if (record.is_withdrawn()) {
            ++db.withdrawn_;
            continue;
        }
        if (auto it = by_id.find(record.id); it != by_id.end()) {
            // The same record twice (two copies in a directory): the later modification wins.
            db.problems_.push_back(
                {document.source, record.id + " is also in " + sources[it->second]});
            if (record.modified > db.records_[it->second].modified) {
                db.records_[it->second] = std::move(record);
                sources[it->second] = document.source;
            }
            continue;
        }
        by_id.emplace(record.id, db.records_.size());
        sources.push_back(document.source);
        db.records_.push_back(std::move(record));
    }

    // Vulnerabilities: records connected through ids and aliases.
    Aliases aliases;
    for (const auto& record : db.records_) {
        const std::size_t self = aliases.node(record.id);
        for (const auto& alias : record.aliases) {
            aliases.join(aliases.node(alias), self);
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> groups; // root -> records
    for (std::size_t i = 0; i < db.records_.size(); ++i) {
        groups[aliases.root(aliases.node(db.records_[i].id))].push_back(i);
    }
    std::vector<std::vector<std::size_t>> ordered;
    for (auto& [root, members] : groups) {
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return db.records_[a].id < db.records_[b].id;
        });
        ordered.push_back(std::move(members));
    }
    std::sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
        return db.records_[a.front()].id < db.records_[b.front()].id;
    });
    db.vulnerability_of_.assign(db.records_.size(), 0);
    for (const auto& members : ordered) {
        Vulnerability vulnerability;
        std::vector<std::string> others;
        for (std::size_t i : members) {
            db.vulnerability_of_[i] = db.vulnerabilities_.size();
            vulnerability.records.push_back(&db.records_[i]);
            vulnerability.ids.push_back(db.records_[i].id);
            others.insert(others.end(), db.records_[i].aliases.begin(),
                          db.records_[i].aliases.end());
        }
        std::sort(others.begin(), others.end());
        others.erase(std::unique(others.begin(), others.end()), others.end());
        for (auto& alias : others) {
            if (std::find(vulnerability.ids.begin(), vulnerability.ids.end(), alias) ==
                vulnerability.ids.end()) {
                vulnerability.ids.push_back(std::move(alias));
            }
        }
        db.vulnerabilities_.push_back(std::move(vulnerability));
    }

    for (std::size_t i = 0; i < db.records_.size(); ++i) {
        for (const auto& affected : db.records_[i].affected) {
            if (affected.package.ecosystem != osv::pypi) {
                continue;
            }
            auto& list = db.by_package_[affected.package.normalized_name];
            if (list.empty() || list.back() != i) {
                list.push_back(i);
            }
        }
    }
    return db;
}

std::vector<const osv::Record*> AdvisoryDatabase::records_for(std::string_view name) const {
    std::vector<const osv::Record*> out;
    if (auto it = by_package_.find(pep440::canonicalize_name(name)); it != by_package_.end()) {
        for (std::size_t i : it->second) {
            out.push_back(&records_[i]);
        }
    }
    return out;
}

std::optional<pep440::Version>
AdvisoryDatabase::first_safe_version(std::string_view name, const pep440::Version& version) const {
    std::vector<pep440::Version> candidates;
    for (const auto* record : records_for(name)) {
        for (const auto& fixed : osv::fixed_versions(*record, name)) {
            auto parsed = pep440::Version::parse(fixed);
            if (parsed && *parsed > version &&
                (!parsed->is_prerelease() || version.is_prerelease())) {
                candidates.push_back(std::move(*parsed));
            }
        }
    }
    std::sort(candidates.begin(), candidates.end());
    for (const auto& candidate : candidates) {
        if (query(name, candidate).empty()) {
            return candidate;
        }
    }
    return std::nullopt;
}

std::vector<Match> AdvisoryDatabase::query(std::string_view name,
                                           const pep440::Version& version) const {
    const std::string normalized = pep440::canonicalize_name(name);
    const auto it = by_package_.find(normalized);
    if (it == by_package_.end()) {
        return {};
    }
    std::vector<Match> out;
    for (std::size_t i : it->second) {
        const osv::Record& record = records_[i];
        if (!osv::affects(record, normalized, version)) {
            continue;
        }
        const Vulnerability* vulnerability = &vulnerabilities_[vulnerability_of_[i]];
        auto match = std::find_if(out.begin(), out.end(),
                                  [&](const Match& m) { return m.vulnerability == vulnerability; });
        if (match == out.end()) {
            out.push_back({vulnerability, {}, {}});
            match = out.end() - 1;
        }
        match->affecting.push_back(&record);
    }
    std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
        return a.vulnerability->ids.front() < b.vulnerability->ids.front();
    });
    for (auto& match : out) {
        std::sort(match.affecting.begin(), match.affecting.end(),
                  [](const osv::Record* a, const osv::Record* b) { return a->id < b->id; });
        for (const auto* record : match.affecting) {
            for (auto& fixed : osv::fixed_versions(*record, normalized)) {
                if (std::find(match.fixed.begin(), match.fixed.end(), fixed) == match.fixed.end()) {
                    match.fixed.push_back(std::move(fixed));
                }
            }
        }
        // Lowest first, as PEP 440 orders them (spellings of one version keep record order).
        std::stable_sort(match.fixed.begin(), match.fixed.end(),
                         [](const std::string& a, const std::string& b) {
                             const auto va = pep440::Version::parse(a);
                             const auto vb = pep440::Version::parse(b);
                             if (va && vb) {
                                 return *va < *vb;
                             }
                             return va.has_value() && !vb.has_value();
                         });
    }
    return out;
}

} // namespace vigil::analysis::advisories

// Advisory database load and match times (a measurement, not a test: ctest never runs it).
//
//   advisory_bench PATH [--multiply N] [--zip-out FILE] [--threads N]
//
// PATH is a directory of OSV records (the PyPA advisory database untarred) or an OSV export zip.
// Reports: reading the files, parsing and indexing, and matching a 300-line lock file (300 pins:
// 250 packages the database knows, at versions its records list, and 50 it does not), best of
// several runs. --multiply N also builds a synthetic database N times the size (every record
// copied N-1 times as JSON under new ids and package names), writes it as an OSV export zip
// (--zip-out, default /tmp/vigil-advisories-xN.zip) and times loading that zip.
#include "analysis/dependencies/advisory_db.hpp"

#include <nlohmann/json.hpp>
#include <sys/resource.h>
#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil::analysis;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the process (all threads), user + system: steadier than wall time on a shared
// machine.
double cpu_ms() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

const char* kind_name(osv::EventKind kind) {
    switch (kind) {
    case osv::EventKind::introduced:
        return "introduced";
    case osv::EventKind::fixed:
        return "fixed";
    case osv::EventKind::last_affected:
        return "last_affected";
    case osv::EventKind::limit:
        return "limit";
    }
    return "introduced";
}

// The record as OSV JSON, ids and package names suffixed with `suffix`.
std::string to_json(const osv::Record& r, const std::string& suffix) {
    nlohmann::json j = {{"id", r.id + suffix},
                        {"modified", r.modified},
                        {"summary", r.summary},
                        {"details", r.details},
                        {"aliases", nlohmann::json::array()}};
    for (const auto& alias : r.aliases) {
        j["aliases"].push_back(alias + suffix);
    }
    for (const auto& s : r.severity) {
        j["severity"].push_back({{"type", s.type}, {"score", s.score}});
    }
    for (const auto& a : r.affected) {
        nlohmann::json affected = {
            {"package", {{"ecosystem", a.package.ecosystem}, {"name", a.package.name + suffix}}},
            {"versions", a.versions},
            {"ranges", nlohmann::json::array()}};
        for (const auto& range : a.ranges) {
            nlohmann::json events = nlohmann::json::array();
            for (const auto& e : range.events) {
                events.push_back({{kind_name(e.kind), e.version}});
            }
            affected["ranges"].push_back(
                {{"type", range.type}, {"repo", range.repo}, {"events", events}});
        }
        j["affected"].push_back(affected);
    }
    if (!r.cwe_ids.empty()) {
        j["database_specific"] = {{"cwe_ids", r.cwe_ids}};
    }
    return j.dump();
}

struct Pin {
    std::string name;
    pep440::Version version;
};

std::vector<Pin> lock_file(const advisories::AdvisoryDatabase& db, std::mt19937& random) {
    std::vector<std::string> names;
    std::vector<std::string> versions;
    for (const auto& record : db.records()) {
        for (const auto& a : record.affected) {
            if (a.package.ecosystem == osv::pypi) {
                names.push_back(a.package.name);
                for (const auto& v : a.versions) {
                    versions.push_back(v);
                }
            }
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::shuffle(names.begin(), names.end(), random);
    std::vector<Pin> pins;
    for (std::size_t i = 0; i < 300; ++i) {
        std::string name =
            i < 250 && i < names.size() ? names[i] : "not-in-db-" + std::to_string(i);
        std::optional<pep440::Version> v;
        while (!v) {
            v = pep440::Version::parse(versions.empty() ? "1.0"
                                                        : versions[random() % versions.size()]);
        }
        pins.push_back({std::move(name), *v});
    }
    return pins;
}

void report(const char* label, const advisories::AdvisoryDatabase& db, double read_ms,
            double index_ms, double cpu) {
    std::printf(
        "%s: %zu records (+%zu withdrawn), %zu vulnerabilities, %zu packages, %zu problems\n",
        label, db.records().size(), db.withdrawn_count(), db.vulnerabilities().size(),
        db.package_count(), db.problems().size());
    std::printf("  read files %.1f ms, parse+index %.1f ms, total %.1f ms wall, %.1f ms CPU\n",
                read_ms, index_ms, read_ms + index_ms, cpu);
    std::mt19937 random(19);
    const auto pins = lock_file(db, random);
    double best = 1e300;
    std::size_t vulnerable = 0;
    for (int run = 0; run < 20; ++run) {
        const auto start = Clock::now();
        vulnerable = 0;
        for (const auto& pin : pins) {
            vulnerable += db.query(pin.name, pin.version).empty() ? 0 : 1;
        }
        best = std::min(best, ms_since(start));
    }
    std::printf("  match a 300-pin lock file: %.3f ms (best of 20), %zu pins vulnerable\n", best,
                vulnerable);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr,
                     "usage: advisory_bench PATH [--multiply N] [--zip-out FILE] [--threads N]\n");
        return 2;
    }
    const fs::path path = argv[1];
    int multiply = 0;
    std::size_t threads = 0;
    std::string zip_out;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--multiply") {
            multiply = std::atoi(argv[i + 1]);
        } else if (flag == "--threads") {
            threads = static_cast<std::size_t>(std::atoi(argv[i + 1]));
        } else if (flag == "--zip-out") {
            zip_out = argv[i + 1];
        }
    }

    std::vector<advisories::LoadProblem> problems;
    double cpu = cpu_ms();
    auto start = Clock::now();
    auto documents = fs::is_directory(path) ? advisories::read_directory(path, problems)
                                            : advisories::read_zip(path, problems);
    const double read_ms = ms_since(start);
    start = Clock::now();
    auto db = advisories::AdvisoryDatabase::from_documents(documents, threads);
    const double index_ms = ms_since(start);
    report(path.c_str(), db, read_ms, index_ms, cpu_ms() - cpu);
    start = Clock::now();
    const auto loaded = advisories::AdvisoryDatabase::load(path, threads);
    std::printf("  AdvisoryDatabase::load end to end: %.1f ms\n", ms_since(start));

    if (multiply > 1) {
        std::vector<std::string> texts;
        for (int k = 0; k < multiply; ++k) {
            const std::string suffix = k == 0 ? "" : "-x" + std::to_string(k);
            for (const auto& record : db.records()) {
                texts.push_back(to_json(record, suffix));
            }
        }
        if (zip_out.empty()) {
            zip_out = "/tmp/vigil-advisories-x" + std::to_string(multiply) + ".zip";
        }
        int error = 0;
        zip_t* zip = zip_open(zip_out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        if (!zip) {
            std::fprintf(stderr, "cannot write %s\n", zip_out.c_str());
            return 1;
        }
        for (std::size_t i = 0; i < texts.size(); ++i) {
            zip_source_t* source = zip_source_buffer(zip, texts[i].data(), texts[i].size(), 0);
            zip_file_add(zip, ("r" + std::to_string(i) + ".json").c_str(), source, 0);
        }
        zip_close(zip);
        std::printf("synthetic x%d: %zu JSON records, %.1f MB zip at %s\n", multiply, texts.size(),
                    static_cast<double>(fs::file_size(zip_out)) / 1e6, zip_out.c_str());
        problems.clear();
        cpu = cpu_ms();
        start = Clock::now();
        auto zipped = advisories::read_zip(zip_out, problems);
        const double zip_read_ms = ms_since(start);
        start = Clock::now();
        auto big = advisories::AdvisoryDatabase::from_documents(std::move(zipped), threads);
        const double index_big_ms = ms_since(start);
        report(zip_out.c_str(), big, zip_read_ms, index_big_ms, cpu_ms() - cpu);
    }
    return 0;
}

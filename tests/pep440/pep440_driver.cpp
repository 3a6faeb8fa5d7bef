// The C++ side of the PEP 440 differential test (test_pep440_differential.py): reads a JSON
// object of inputs on stdin, answers with what analysis/dependencies/pep440 computes for each, as
// JSON on stdout. The Python side computes the same with `packaging` and compares.
//
// Input:  {"versions": [str], "specifiers": [str], "contains": [[specifier index, version index]],
//          "names": [str]}
// Output: {"versions": [null | {"str", "public", "base_version", "local", "is_prerelease",
//          "is_postrelease", "is_devrelease", "canonical", "canonical_keep_zeros"}],
//          "ranks": [null | dense rank of the version in the sorted valid versions],
//          "specifiers": [null | {"str", "prereleases": null | "yes" | "no" | "error"}],
//          "contains": ["yes" | "no" | "error" | "invalid"], "names": [str]}
// Optional OSV part (test_osv_differential.py): input "osv_records": [OSV JSON record],
// "osv_queries": [[record index, package name, version]]; output "osv": [true | false | null]
// (null: the version does not parse).
#include "analysis/dependencies/osv.hpp"
#include "analysis/dependencies/pep440.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace pep440 = vigil::analysis::pep440;
using nlohmann::json;

namespace {

const char* answer_name(pep440::Answer a) {
    switch (a) {
    case pep440::Answer::yes:
        return "yes";
    case pep440::Answer::no:
        return "no";
    case pep440::Answer::error:
        return "error";
    }
    return "?";
}

} // namespace

int main() {
    const json input = json::parse(std::cin);
    json out = json::object();

    std::vector<std::optional<pep440::Version>> versions;
    json version_results = json::array();
    for (const auto& text : input.at("versions")) {
        auto v = pep440::Version::parse(text.get<std::string>());
        if (!v) {
            version_results.push_back(nullptr);
        } else {
            version_results.push_back({
                {"str", v->str()},
                {"public", v->public_str()},
                {"base_version", v->base_version()},
                {"local", v->local_str() ? json(*v->local_str()) : json(nullptr)},
                {"is_prerelease", v->is_prerelease()},
                {"is_postrelease", v->is_postrelease()},
                {"is_devrelease", v->is_devrelease()},
                {"canonical", pep440::canonicalize_version(*v)},
                {"canonical_keep_zeros", pep440::canonicalize_version(*v, false)},
            });
        }
        versions.push_back(std::move(v));
    }
    out["versions"] = std::move(version_results);

    // Dense ranks of the valid versions in sorted order: equal ranks iff equal versions, so two
    // rank lists agree iff the two orders agree on every pair.
    std::vector<std::size_t> valid;
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (versions[i]) {
            valid.push_back(i);
        }
    }
    std::stable_sort(valid.begin(), valid.end(),
                     [&](std::size_t a, std::size_t b) { return *versions[a] < *versions[b]; });
    json ranks = json::array();
    for (std::size_t i = 0; i < versions.size(); ++i) {
        ranks.push_back(nullptr);
    }
    long rank = -1;
    for (std::size_t k = 0; k < valid.size(); ++k) {
        if (k == 0 || *versions[valid[k - 1]] != *versions[valid[k]]) {
            ++rank;
        }
        ranks[valid[k]] = rank;
    }
    out["ranks"] = std::move(ranks);

    std::vector<std::optional<pep440::SpecifierSet>> sets;
    json spec_results = json::array();
    for (const auto& text : input.at("specifiers")) {
        auto set = pep440::SpecifierSet::parse(text.get<std::string>());
        if (!set) {
            spec_results.push_back(nullptr);
        } else {
            const auto pre = set->prereleases();
            spec_results.push_back(
                {{"str", set->str()},
                 {"prereleases", pre ? json(answer_name(*pre)) : json(nullptr)}});
        }
        sets.push_back(std::move(set));
    }
    out["specifiers"] = std::move(spec_results);

    json contains = json::array();
    for (const auto& pair : input.at("contains")) {
        const auto& set = sets.at(pair.at(0).get<std::size_t>());
        const auto& version = versions.at(pair.at(1).get<std::size_t>());
        contains.push_back(set && version ? answer_name(set->evaluate(*version)) : "invalid");
    }
    out["contains"] = std::move(contains);

    json names = json::array();
    for (const auto& name : input.at("names")) {
        names.push_back(pep440::canonicalize_name(name.get<std::string>()));
    }
    out["names"] = std::move(names);

    if (input.contains("osv_records")) {
        std::vector<vigil::analysis::osv::Record> records;
        for (const auto& document : input.at("osv_records")) {
            records.push_back(vigil::analysis::osv::parse_record(document));
        }
        json answers = json::array();
        for (const auto& query : input.at("osv_queries")) {
            const auto version = pep440::Version::parse(query.at(2).get<std::string>());
            answers.push_back(version ? json(vigil::analysis::osv::affects(
                                            records.at(query.at(0).get<std::size_t>()),
                                            query.at(1).get<std::string>(), *version))
                                      : json(nullptr));
        }
        out["osv"] = std::move(answers);
    }

    std::cout << out.dump() << '\n';
    return 0;
}

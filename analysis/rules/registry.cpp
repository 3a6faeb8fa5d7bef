// The one table of codes. Adding a rule: an `extern` line and a table entry in its family's
// section here, its file under analysis/rules/<family>/ (picked up by the build), and a fixture
// under tests/fixtures/rules/. The table is sorted by code when first used, so sections may list
// their rules in any order.
#include "analysis/rules/registry.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace vigil::analysis::rules {

// --- Bandit B1xx, B2xx, B5xx: assorted checks -------------------------------------------------
extern const Rule exec_used; // B102  injection/exec_used.cpp
extern const Rule yaml_load; // B506  deserialization/yaml_load.cpp

// --- Bandit B3xx, B4xx: calls and imports to avoid; B324 weak hashes -------------------------
extern const Rule eval_used; // B307  injection/eval_used.cpp

// --- Bandit B6xx, B7xx: injection and templates ----------------------------------------------
extern const Rule subprocess_shell; // B602  injection/subprocess_shell.cpp

// --- Vigil's own rules (VG...) -------------------------------------------------------------------

namespace {

const Rule* const table[] = {
    // B1xx, B2xx, B5xx
    &exec_used,
    &yaml_load,
    // B3xx, B4xx
    &eval_used,
    // B6xx, B7xx
    &subprocess_shell,
    // VG
};

std::vector<const Rule*> sorted_table() {
    std::vector<const Rule*> rules(std::begin(table), std::end(table));
    std::sort(rules.begin(), rules.end(),
              [](const Rule* a, const Rule* b) { return a->info.code < b->info.code; });
    return rules;
}

} // namespace

std::span<const Rule* const> registry() {
    static const std::vector<const Rule*> rules = sorted_table();
    return rules;
}

} // namespace vigil::analysis::rules

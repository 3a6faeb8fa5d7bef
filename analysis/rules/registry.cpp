// The one table of codes. Adding a rule: a line here, its file under analysis/rules/<family>/,
// and a fixture under tests/fixtures/rules/.
#include "analysis/rules/registry.hpp"

namespace vigil::analysis::rules {

extern const Rule exec_used;        // B102  injection/exec_used.cpp
extern const Rule eval_used;        // B307  injection/eval_used.cpp
extern const Rule yaml_load;        // B506  deserialization/yaml_load.cpp
extern const Rule subprocess_shell; // B602  injection/subprocess_shell.cpp

namespace {

const Rule* const table[] = {
    &exec_used,
    &eval_used,
    &yaml_load,
    &subprocess_shell,
};

} // namespace

std::span<const Rule* const> registry() {
    return table;
}

} // namespace vigil::analysis::rules

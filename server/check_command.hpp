// `vigil check`: the scanner. Finds Python files under the given paths, analyses each with the
// same engine as the language server, and reports the findings.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace vigil::server {

struct CheckOptions {
    std::vector<std::string> paths; // default: "."
};

// Returns the exit code: 0 clean, 1 findings, 2 usage or internal error.
int run_check(const CheckOptions& options, std::ostream& out);

} // namespace vigil::server

// `vigil rules` and `vigil rule CODE`.
#pragma once

#include <ostream>
#include <string_view>

namespace vigil::server {

// Every rule: code, name, severity, confidence, profiles (and more as JSON). Returns 0.
int print_rules(std::ostream& out, bool json);

// One rule's documentation as markdown. Returns 0, or 2 if no rule has that code.
int print_rule_doc(std::ostream& out, std::string_view code);

// Writes one page per rule (<CODE>.md) and an index (README.md) into `directory`: the rule pages
// kept in analysis/rules/docs/. Returns 0, or 2 if the directory cannot be written.
int write_rule_pages(const std::string& directory);

} // namespace vigil::server

// Findings (byte ranges) -> LSP diagnostics (ranges in the negotiated position encoding).
#pragma once

#include "analysis/finding.hpp"
#include "protocol/position.hpp"

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

namespace vigil::server {

// Bandit's severity as an LSP DiagnosticSeverity: HIGH -> Error, MEDIUM -> Warning,
// LOW -> Information, anything else -> Hint.
int lsp_severity(analysis::Level severity);

nlohmann::json to_lsp_range(const protocol::LineIndex& index, std::size_t start, std::size_t end,
                            protocol::PositionEncoding encoding);

// A range read back from JSON: one of our diagnostics, or a client's range the server has already
// validated. Missing fields read as 0.
protocol::Range range_from_json(const nlohmann::json& range);

// Each diagnostic's `data` names the result and the finding's index in it, which is how code
// actions find the fixes again without trusting the client's copy.
// `docs_url` is the rule pages' location with "{code}" standing for the rule's code; when empty,
// diagnostics carry no codeDescription. A data-flow finding's path becomes relatedInformation in
// the document `uri`, one location a step.
nlohmann::json to_diagnostics(std::string_view text, const std::vector<analysis::Finding>& findings,
                              protocol::PositionEncoding encoding, std::string_view result_id,
                              std::string_view docs_url = {}, std::string_view uri = {});

// Where the rule pages are: a file: URL template for the pages installed beside the binary
// (../share/vigil/rules, or ../../rules in the VS Code package) or in the source tree it was built
// from; empty when none is found.
std::string find_rule_pages();

} // namespace vigil::server

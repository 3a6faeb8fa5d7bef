// textDocument/codeAction and codeAction/resolve: quick fixes for the findings in a range, and
// source.fixAll.vigil for a whole file. Fixes come from the cached result of the current text
// (the client's copy of the diagnostics is only used to pick which ones it asks about).
#pragma once

#include "analysis/suppression_edit.hpp"
#include "protocol/jsonrpc.hpp"
#include "protocol/position.hpp"
#include "server/lsp/documents.hpp"

#include <optional>

namespace vigil::server {

struct CodeActionSupport {
    bool literals = false;         // CodeAction objects (else Command only; we then offer none)
    bool resolve_edit = false;     // the client resolves `edit` lazily
    bool document_changes = false; // WorkspaceEdit.documentChanges
    analysis::SuppressionStyle suppression_style = analysis::SuppressionStyle::Nosec;
};

// The actions for `params` (a CodeActionParams) on `document`, whose result is current.
nlohmann::json code_actions(const Document& document, const nlohmann::json& params,
                            protocol::PositionEncoding encoding, const CodeActionSupport& support);

// Fills in the edit of an action returned without one. Returns nullopt when the document has
// changed since (the caller answers ContentModified).
std::optional<nlohmann::json> resolve_code_action(const Document& document,
                                                  const nlohmann::json& action,
                                                  protocol::PositionEncoding encoding,
                                                  const CodeActionSupport& support);

// Whether an action of `kind` is wanted by the `only` filter (hierarchical: "source" wants
// "source.fixAll.vigil").
bool kind_wanted(std::string_view kind, const nlohmann::json* only);

} // namespace vigil::server

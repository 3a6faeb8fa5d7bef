// textDocument/hover: the documentation of every rule flagged at the position.
#pragma once

#include "protocol/position.hpp"
#include "server/lsp/documents.hpp"

#include <nlohmann/json.hpp>

namespace vigil::server {

// The Hover result for `position` (in the result's encoding), or null when nothing is flagged
// there.
nlohmann::json hover_at(const PublishedResult& result, protocol::Position position);

} // namespace vigil::server

// The edit behind "suppress this finding": add a suppression comment for one code on the line
// where the finding starts, or extend the suppression comment already there.
#pragma once

#include "analysis/finding.hpp"

#include <tree_sitter/api.h>

#include <optional>
#include <string_view>

namespace vigil::analysis {

enum class SuppressionStyle {
    Nosec, // "# nosec B602" (Bandit's; the default, so the comment works with Bandit too)
    Noqa,  // "# noqa: S602" (ruff's; falls back to nosec for rules ruff does not have)
    Vigil, // "# vigil: ignore[B602]"
};

struct SuppressionRequest {
    std::size_t offset = 0;      // where the finding starts
    std::string_view code;       // "B602"
    std::string_view ruff_code;  // "S602", or empty
    SuppressionStyle style = SuppressionStyle::Nosec;
};

// Nothing (nullopt) when the line already suppresses everything (a bare "# nosec").
std::optional<TextEdit> suppression_edit(std::string_view text, const TSTree* tree,
                                         const SuppressionRequest& request);

} // namespace vigil::analysis

// Suppression comments. Recognised, each per line:
//   # nosec                  everything (Bandit's comment; also "# nosec: free text")
//   # nosec B602,B607        those codes (with or without spaces; Bandit keeps only the last one
//                            of a comma-joined list, Vigil keeps all); Bandit test names work too
//   # noqa: S602             ruff's codes, mapped to ours; a bare "# noqa" suppresses nothing here,
//                            since it is usually meant for style linters
//   # vigil: ignore[B602]    Vigil's own; "# vigil: ignore" for everything on the line
//   # vigil: ignore-file[B602] / # vigil: ignore-file   anywhere: the whole file
// A suppression on any line of a statement covers findings in that statement.
#pragma once

#include "analysis/finding.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::analysis {

struct SuppressionSet {
    bool all = false;
    std::vector<std::string> codes; // canonical rule codes

    bool covers(std::string_view code) const;
    bool empty() const { return !all && codes.empty(); }
};

// What one comment's text suppresses, and whether it applies to the whole file.
struct ParsedSuppression {
    SuppressionSet set;
    bool whole_file = false;
};
ParsedSuppression parse_suppression_comment(std::string_view comment);

class Suppressions {
public:
    void add_comment(std::uint32_t row, std::string_view comment);

    // Whether a finding of `code` on the statement spanning rows [first, last] is suppressed.
    bool suppresses(std::string_view code, std::uint32_t first_row, std::uint32_t last_row) const;

private:
    std::unordered_map<std::uint32_t, SuppressionSet> by_row_;
    SuppressionSet file_;
};

} // namespace vigil::analysis

// What analysis produces: findings in byte offsets, with their fixes. Nothing here knows of LSP.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// Bandit's scale, used for both severity and confidence.
enum class Level { Undefined = 0, Low = 1, Medium = 2, High = 3 };

std::string_view level_name(Level level);                    // "LOW", "MEDIUM", ...
std::optional<Level> level_from_name(std::string_view name); // case-insensitive

// Safe fixes keep the program's meaning (or make the intended meaning safe) and may be applied
// without review (fix-all, --fix); unsafe fixes are offered, never applied automatically.
enum class Applicability { Safe, Unsafe };

// Replace bytes [start, end) of the analysed text with `replacement`.
struct TextEdit {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string replacement;
    friend bool operator==(const TextEdit&, const TextEdit&) = default;
};

struct Fix {
    std::string title;
    Applicability applicability = Applicability::Unsafe;
    std::vector<TextEdit> edits; // non-overlapping, in terms of the original text
};

// One step of the way untrusted data took to a finding: where, and what happened there.
struct FlowStep {
    std::size_t start = 0;
    std::size_t end = 0;
    std::string message; // "`request.args` enters here", "flows into `path`", "reaches open()"
    friend bool operator==(const FlowStep&, const FlowStep&) = default;
};

struct Finding {
    std::string code;      // the rule's code: a Bandit ID ("B602") or Vigil's own ("VG...")
    std::size_t start = 0; // byte range of what the squiggle covers
    std::size_t end = 0;
    std::string message; // names what matched; never repeats a secret's value
    Level severity = Level::Medium;
    Level confidence = Level::Medium;
    int cwe = 0;
    std::vector<Fix> fixes;
    std::vector<FlowStep> flow; // for data-flow findings: the path from the source to the sink
    // The construct the finding is about (a data-flow finding's sink call), which may be wider
    // than what the squiggle covers; findings of the rules this one supersedes inside it go.
    std::size_t anchor_start = 0;
    std::size_t anchor_end = 0;
};

} // namespace vigil::analysis

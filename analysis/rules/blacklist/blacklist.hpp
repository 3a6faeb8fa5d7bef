// What the call and import blacklists share: one table entry per code, found by the rule being
// run, and a message with the matched name put in.
#pragma once

#include "analysis/rule.hpp"

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace vigil::analysis {
struct CallView;
class SemanticModel;
} // namespace vigil::analysis

namespace vigil::analysis::rules::blacklist {

// A function that can stand in for a matched one: called with the same arguments, it does the same
// thing safely. A call entry's quick fix renames the callee to `to` and imports `module`.
struct Replacement {
    std::string_view from;   // the matched qualified name
    std::string_view to;     // the replacement, as the fix writes it ("secrets.choice")
    std::string_view module; // what `to` needs imported ("secrets")
    // Only calls whose arguments mean the same to both (nullptr: every call).
    bool (*applies)(const SemanticModel& model, const CallView& call) = nullptr;
    Applicability applicability = Applicability::Unsafe;
    // When more than the callee changes: the whole new call, given `to` as the callee to write;
    // empty when this call cannot be rewritten. Null: only the callee is renamed.
    std::string (*rewrite)(const SemanticModel& model, const CallView& call,
                           std::string_view to) = nullptr;
    std::string_view title = {}; // the fix's title; default "Use <to>"
};

struct Entry {
    std::string_view code;
    std::initializer_list<std::string_view> names;        // qualified names, or modules
    std::string_view message;                             // "{name}" stands for the matched name
    std::initializer_list<Replacement> replacements = {}; // quick fixes, by matched name
};

inline const Entry* entry_for(std::span<const Entry> entries, std::string_view code) {
    for (const Entry& entry : entries) {
        if (entry.code == code) {
            return &entry;
        }
    }
    return nullptr;
}

inline std::string with_name(std::string_view message, std::string_view name) {
    std::string out(message);
    for (std::size_t at = out.find("{name}"); at != std::string::npos;
         at = out.find("{name}", at)) {
        out.replace(at, 6, name);
        at += name.size();
    }
    return out;
}

// A blacklist rule: Bandit's blacklist checks all have HIGH confidence.
inline Rule make_rule(std::string_view code, std::string_view name, std::string_view bandit_name,
                      std::string_view ruff, int cwe, Level severity, std::uint8_t profiles,
                      std::span<const std::string_view> kinds, NodeCheck check, RuleDoc doc,
                      std::span<const std::string_view> callee_names = {}) {
    return Rule{{.code = code,
                 .name = name,
                 .bandit_name = bandit_name,
                 .ruff_code = ruff,
                 .cwe = cwe,
                 .severity = severity,
                 .confidence = Level::High,
                 .profiles = profiles,
                 .doc = doc},
                kinds,
                check,
                callee_names};
}

} // namespace vigil::analysis::rules::blacklist

// The shape every rule has: its metadata, its documentation, and the check that runs on the
// syntax nodes it registered for. Rules keep no state between files.
#pragma once

#include "analysis/finding.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <span>
#include <string_view>

namespace vigil::analysis {

class RuleContext;

// Profiles a rule belongs to. `Default` is the high-signal set; `Bandit` enables every check with
// Bandit's semantics. `OptIn` marks a rule in no profile that runs only when a selector names its
// code in full (`--select VG242`; not "ALL" or a prefix such as "VG"): hint-level checks.
enum Profile : std::uint8_t {
    ProfileDefault = 1u << 0,
    ProfileBandit = 1u << 1,
    ProfileAll = ProfileDefault | ProfileBandit,
    ProfileOptIn = 1u << 2,
};

// Documentation shown by hovers, `vigil rule CODE` and the generated rule pages (markdown).
struct RuleDoc {
    std::string_view what;        // what it flags
    std::string_view why;         // why it is bad
    std::string_view example;     // code that is flagged
    std::string_view use_instead; // the fix
    std::string_view references;  // links, one per line
    std::string_view vs_bandit;   // where Vigil differs from Bandit, and why (may be empty)
};

struct RuleInfo {
    std::string_view code; // "B602", or Vigil's own "VG..."
    std::string_view name; // kebab-case, e.g. "subprocess-popen-with-shell-equals-true"
    std::string_view
        bandit_name; // Bandit's test / blacklist name, for `# nosec <name>`; may be empty
    std::string_view ruff_code; // "S602"; empty when ruff has no such rule
    int cwe = 0;
    Level severity = Level::Medium;   // default severity (a check may report another)
    Level confidence = Level::Medium; // default confidence
    std::uint8_t profiles = ProfileAll;
    RuleDoc doc;
    // Codes of rules that report the same problem in another way (a shape rule on the call a
    // data-flow rule follows data into): their findings inside this rule's finding's anchor are
    // dropped, so that one problem is one finding.
    std::span<const std::string_view> supersedes = {};
    // Editors show its findings as hints (LSP DiagnosticSeverity.Hint, a faint underline) rather
    // than by severity: for advice that is worth seeing but not worth a warning.
    bool editor_hint = false;
    // Its findings cover a secret value (a password, a token, a key): reports never print the
    // source text of that range, as messages never name the value.
    bool reveals_secret = false;
};

// A check receives each node of the kinds it registered for (tree-sitter node type names such as
// "call", "import_statement", "string"); the special kind "module" is the root, once per file.
using NodeCheck = void (*)(TSNode node, RuleContext& context);

struct Rule {
    RuleInfo info;
    std::span<const std::string_view> node_kinds;
    NodeCheck check = nullptr;
    // For checks of "call" nodes that match callees by name: the last part of every name the
    // check can match ("loads" for pickle.loads, "get" for requests.get). The engine then runs the
    // check only on calls whose resolved callee ends so, instead of on every call. Empty: every
    // call. (Other node kinds the rule registers for are not filtered.)
    std::span<const std::string_view> callee_names = {};
    // Text every file this check can report in contains, one of these at least: the module whose
    // functions it matches (which the file must import), a setting's name. A file without any of
    // them skips the check; the model resolves names through the file's own imports, so a module
    // the file never names cannot be called. Case-sensitive. Empty: every file.
    std::span<const std::string_view> text_markers = {};
};

} // namespace vigil::analysis

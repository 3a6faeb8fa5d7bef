#include "analysis/analyzer.hpp"

#include "analysis/rule_context.hpp"
#include "analysis/rules/registry.hpp"
#include "analysis/semantic/model.hpp"
#include "analysis/suppression.hpp"
#include "analysis/syntax/source_file.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <tuple>
#include <unordered_map>

namespace vigil::analysis {

namespace {

// For each grammar symbol, the rules registered for nodes of that type, as indexes into the
// registry. Built once; immutable.
struct DispatchTable {
    std::vector<std::vector<std::size_t>> by_symbol; // rules on calls with callee_names excluded
    std::vector<std::size_t> module_rules;
    TSSymbol comment_symbol = 0;
    std::vector<std::uint8_t> is_call; // by symbol
    // The last part of a callee's name -> the call rules that can match it, by registry index.
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_callee_name;

    DispatchTable() {
        const TSLanguage* language = tree_sitter_python();
        const uint32_t count = ts_language_symbol_count(language);
        by_symbol.resize(count);
        is_call.assign(count, 0);
        for (TSSymbol symbol = 0; symbol < count; ++symbol) {
            is_call[symbol] = ts_language_symbol_type(language, symbol) == TSSymbolTypeRegular &&
                              std::string_view(ts_language_symbol_name(language, symbol)) == "call";
        }
        const auto registry = rules::registry();
        for (std::size_t index = 0; index < registry.size(); ++index) {
            const Rule* rule = registry[index];
            for (std::string_view name : rule->callee_names) {
                auto& rules = by_callee_name[name];
                if (std::find(rules.begin(), rules.end(), index) == rules.end()) {
                    rules.push_back(index);
                }
            }
            for (std::string_view kind : rule->node_kinds) {
                if (kind == "module") {
                    module_rules.push_back(index);
                    continue;
                }
                if (kind == "call" && !rule->callee_names.empty()) {
                    continue; // dispatched by callee name
                }
                // A node type may have several symbols (aliases); register the rule with each.
                for (TSSymbol symbol = 0; symbol < count; ++symbol) {
                    if (ts_language_symbol_type(language, symbol) == TSSymbolTypeRegular &&
                        kind == ts_language_symbol_name(language, symbol)) {
                        by_symbol[symbol].push_back(index);
                    }
                }
            }
        }
        comment_symbol = ts_language_symbol_for_name(language, "comment", 7, true);
    }
};

const DispatchTable& dispatch_table() {
    static const DispatchTable table;
    return table;
}

bool is_compound(std::string_view type) {
    return type == "if_statement" || type == "for_statement" || type == "while_statement" ||
           type == "try_statement" || type == "with_statement" || type == "function_definition" ||
           type == "class_definition" || type == "decorated_definition" ||
           type == "match_statement";
}

// The rows a suppression comment may sit on to cover a finding at `offset`: those of its
// statement; for a compound statement (if, def, with, ...), only its header, not its body.
std::pair<uint32_t, uint32_t> statement_rows(TSNode root, std::size_t offset) {
    // Descend towards the offset (ts_node_parent would search from the root at every step); the
    // innermost node whose parent is the module or a block is the statement.
    TSNode statement = root;
    for (TSNode node = root;;) {
        const TSNode child = ts_node_first_child_for_byte(node, static_cast<uint32_t>(offset));
        if (ts_node_is_null(child) || ts_node_start_byte(child) > offset) {
            break;
        }
        const std::string_view type = ts_node_type(node);
        if (type == "module" || type == "block") {
            statement = child;
        }
        node = child;
    }
    const uint32_t first = ts_node_start_point(statement).row;
    uint32_t last = ts_node_end_point(statement).row;
    if (is_compound(ts_node_type(statement))) {
        // The header ends where the first block begins.
        last = first;
        const uint32_t children = syntax::child_count(statement);
        for (uint32_t i = 0; i < children; ++i) {
            const TSNode child = syntax::child(statement, i);
            if (std::string_view(ts_node_type(child)) == "block") {
                last = std::max(first, ts_node_start_point(child).row);
                break;
            }
        }
    }
    return {first, last};
}

// The last part of a call's callee name, resolved through imports (`l` for `from pickle import
// loads as l` is "loads"); for callees that are not dotted names, the attribute called
// (`make().run()` -> "run"). Empty when there is none.
std::string_view callee_key(const SemanticModel& model, TSNode call) {
    const TSNode callee = model.call(call).callee;
    const std::string& name = model.qualified_name(callee);
    if (!name.empty()) {
        const std::size_t dot = name.rfind('.');
        return dot == std::string::npos ? std::string_view(name)
                                        : std::string_view(name).substr(dot + 1);
    }
    if (!ts_node_is_null(callee) && syntax::node_type(callee) == "attribute") {
        return model.text(syntax::child_by_field(callee, "attribute"));
    }
    return {};
}

// Whether the file's text contains any of a rule's markers; each marker is searched for once per
// file, however many rules name it.
class MarkerSearch {
public:
    explicit MarkerSearch(std::string_view text) : text_(text) {}

    bool any_in_text(std::span<const std::string_view> markers) {
        return std::any_of(markers.begin(), markers.end(), [&](std::string_view marker) {
            for (const auto& [known, found] : searched_) {
                if (known == marker) {
                    return found;
                }
            }
            const bool found = text_.find(marker) != std::string_view::npos;
            searched_.emplace_back(marker, found);
            return found;
        });
    }

private:
    std::string_view text_;
    std::vector<std::pair<std::string_view, bool>> searched_;
};

// One problem, one finding: a finding of a rule that another rule supersedes goes when it lies
// inside that rule's finding's anchor (B605 on `os.system(...)` when VG302 followed request data
// into the same call), or on a line of its path (B608 on the `%` that built the query VG301
// followed into `execute`). `findings` is sorted by start.
void drop_superseded(std::vector<Finding>& findings, std::string_view text) {
    std::vector<bool> dropped(findings.size(), false);
    bool any = false;
    auto drop_within = [&](const Finding& finding, const Rule& rule, std::size_t start,
                           std::size_t end) {
        auto it = std::lower_bound(
            findings.begin(), findings.end(), start,
            [](const Finding& other, std::size_t offset) { return other.start < offset; });
        for (; it != findings.end() && it->start < end; ++it) {
            const auto& superseded = rule.info.supersedes;
            if (&*it != &finding && it->end <= end &&
                std::find(superseded.begin(), superseded.end(), it->code) != superseded.end()) {
                dropped[static_cast<std::size_t>(it - findings.begin())] = true;
                any = true;
            }
        }
    };
    for (const Finding& finding : findings) {
        const Rule* rule = find_rule(finding.code);
        if (!rule || rule->info.supersedes.empty()) {
            continue;
        }
        drop_within(finding, *rule, finding.anchor_start, finding.anchor_end);
        for (const FlowStep& step : finding.flow) {
            const std::size_t at = std::min(step.start, text.size());
            const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
            const std::size_t from =
                line_start == std::string_view::npos || at == 0 ? 0 : line_start + 1;
            const std::size_t line_end = text.find('\n', at);
            drop_within(finding, *rule, from,
                        line_end == std::string_view::npos ? text.size() : line_end);
        }
    }
    if (!any) {
        return;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        if (!dropped[i]) {
            if (kept != i) {
                findings[kept] = std::move(findings[i]);
            }
            ++kept;
        }
    }
    findings.resize(kept);
}

} // namespace

std::vector<Finding> analyze(std::string_view text, const TSTree* tree, std::string_view path,
                             const Config& config) {
    std::vector<Finding> findings;
    if (!tree) {
        return findings;
    }
    const TSNode root = ts_tree_root_node(tree);
    // A text too deep to parse was given an empty tree, which does not describe it. (Only an
    // empty tree needs the check: it reads the whole text.)
    if (ts_node_child_count(root) == 0 && syntax::too_deeply_nested(text)) {
        return findings;
    }
    const DispatchTable& table = dispatch_table();
    // The rules this file runs, by node symbol, so dispatch does no configuration lookups.
    const auto registry = rules::registry();
    std::vector<std::uint8_t> enabled(registry.size(), 0); // by registry index
    MarkerSearch markers(text);
    for (std::size_t index = 0; index < registry.size(); ++index) {
        const Rule* rule = registry[index];
        enabled[index] = config.enables(rule->info, path) &&
                         (rule->text_markers.empty() || !config.use_text_markers ||
                          markers.any_in_text(rule->text_markers));
    }
    std::vector<std::vector<const Rule*>> active(table.by_symbol.size());
    std::vector<std::uint8_t> wanted(table.by_symbol.size(), 0);
    for (std::size_t symbol = 0; symbol < table.by_symbol.size(); ++symbol) {
        for (const std::size_t index : table.by_symbol[symbol]) {
            if (enabled[index]) {
                active[symbol].push_back(registry[index]);
                wanted[symbol] = 1;
            }
        }
    }
    wanted[table.comment_symbol] = 1;
    bool named_call_rules = false;
    for (const auto& [name, indexes] : table.by_callee_name) {
        for (const std::size_t index : indexes) {
            named_call_rules = named_call_rules || enabled[index];
        }
    }
    if (named_call_rules) {
        for (std::size_t symbol = 0; symbol < wanted.size(); ++symbol) {
            wanted[symbol] = wanted[symbol] || table.is_call[symbol];
        }
    }

    // The model's one walk of the tree also collects the nodes the rules registered for.
    const SemanticModel model(text, root, wanted);
    const syntax::NodeIndex::Use use_index(model.index()); // rules navigate through it
    RuleContext context(model, config, path, findings);
    Suppressions suppressions;

    for (const std::size_t index : table.module_rules) {
        if (enabled[index]) {
            context.set_rule(registry[index]);
            registry[index]->check(root, context);
        }
    }
    for (const TSNode node : model.collected()) {
        const TSSymbol symbol = ts_node_symbol(node);
        if (symbol == table.comment_symbol) {
            suppressions.add_comment(ts_node_start_point(node).row, syntax::node_text(node, text));
            continue;
        }
        for (const Rule* rule : active[symbol]) {
            context.set_rule(rule);
            rule->check(node, context);
        }
        if (named_call_rules && table.is_call[symbol]) {
            const auto it = table.by_callee_name.find(callee_key(model, node));
            if (it != table.by_callee_name.end()) {
                for (const std::size_t index : it->second) {
                    if (enabled[index]) {
                        context.set_rule(registry[index]);
                        registry[index]->check(node, context);
                    }
                }
            }
        }
    }

    std::erase_if(findings, [&](const Finding& finding) {
        if (!config.reports(finding)) {
            return true;
        }
        const auto [first, last] = statement_rows(root, finding.start);
        return suppressions.suppresses(finding.code, first, last);
    });
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.start, a.end, a.code) < std::tie(b.start, b.end, b.code);
    });
    drop_superseded(findings, text);
    return findings;
}

std::optional<std::string> unanalysable(std::string_view text, const TSTree* tree) {
    if (tree && ts_node_child_count(ts_tree_root_node(tree)) > 0) {
        return std::nullopt; // parsed: a refused text has an empty tree
    }
    if (syntax::too_deeply_nested(text)) {
        return "file too deeply nested to analyse: brackets nest more than " +
               std::to_string(syntax::max_bracket_depth) + " deep";
    }
    return std::nullopt;
}

std::span<const Rule* const> all_rules() {
    return rules::registry();
}

const Rule* find_rule(std::string_view code) {
    auto equals = [](std::string_view a, std::string_view b) {
        return a.size() == b.size() &&
               std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::toupper(static_cast<unsigned char>(x)) ==
                          std::toupper(static_cast<unsigned char>(y));
               });
    };
    for (const Rule* rule : rules::registry()) {
        if (equals(rule->info.code, code) ||
            (!rule->info.ruff_code.empty() && equals(rule->info.ruff_code, code))) {
            return rule;
        }
    }
    return nullptr;
}

} // namespace vigil::analysis

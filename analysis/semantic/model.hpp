// The semantic model of one file, built once per analysis by one walk of the tree and shared by
// every rule: imports and aliases resolved to qualified names, scopes with their bindings (each
// with its definition and uses), string constants that flow through simple assignments, and a
// view of call arguments. Rules ask the model; none re-derives it.
#pragma once

#include "analysis/syntax/node_index.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::analysis {

// A name bound in a scope: where it was defined and what kind of definition it was.
struct Binding {
    enum class Kind { Import, Assignment, Function, Class, Parameter, Other };
    Kind kind = Kind::Other;
    std::string qualified;         // for imports: the imported thing ("yaml.load", "subprocess")
    TSNode definition{};           // the node that binds it
    TSNode value{};                // for single assignments: the assigned expression
    std::uint32_t assignments = 0; // how many times the name is bound in this scope
    std::vector<TSNode> uses;      // identifiers that read this binding, anywhere it is visible
};

struct Scope {
    TSNode node{}; // module, function_definition, class_definition or lambda
    std::size_t parent = SIZE_MAX;
    // Keys view the analysed text, which outlives the model.
    std::unordered_map<std::string_view, Binding> bindings;
    // The node's byte range and kind, asked at every name lookup.
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    bool is_class = false;

    Scope(TSNode scope_node, std::size_t parent_scope, bool is_class_body)
        : node(scope_node), parent(parent_scope), start(ts_node_start_byte(scope_node)),
          end(ts_node_end_byte(scope_node)), is_class(is_class_body) {}
};

// The arguments of one call, by position and by keyword.
struct CallView {
    TSNode call{};
    TSNode callee{};
    std::vector<TSNode> positional;
    std::vector<std::pair<std::string_view, TSNode>> keywords;
    bool has_star_args = false;   // *args: positional arity unknown
    bool has_star_kwargs = false; // **kwargs: any keyword may be present

    // The value of keyword `name`, or a null node.
    TSNode keyword(std::string_view name) const;
    // Positional argument `index`, or a null node.
    TSNode argument(std::size_t index) const;
    // Keyword `name`, else positional argument `index`.
    TSNode argument(std::size_t index, std::string_view name) const;
};

class SemanticModel {
public:
    // `collect[symbol]` set: the build walk also records every node of that symbol, in document
    // order (see collected()), so the analyzer dispatches rules without walking the tree again.
    SemanticModel(std::string_view text, TSNode root, std::span<const std::uint8_t> collect = {});

    // The module's top-level statements, in order (comments included).
    const std::vector<TSNode>& module_statements() const { return module_statements_; }

    // The nodes of the symbols asked for at construction, in document order.
    const std::vector<TSNode>& collected() const { return collected_; }

    std::string_view text() const { return text_; }
    TSNode root() const { return scopes_.front().node; }
    std::string_view text(TSNode node) const;

    // The qualified name an expression refers to, resolved through the imports visible where it
    // appears: with `import yaml as y`, `y.load` is "yaml.load"; with `from os import path as p`,
    // `p.join` is "os.path.join". A name that is not imported resolves to itself ("eval"); an
    // expression that is not a dotted name (a call, a subscript) resolves to "".
    // The reference stays valid as long as the model.
    const std::string& qualified_name(TSNode expression) const;

    // A builtin name (eval, exec, open, ...) used where no definition in the file shadows it.
    bool is_builtin(TSNode identifier, std::string_view name) const;

    // Whether a call calls the builtin `name`: directly (not shadowed), through `builtins.name`,
    // or through an alias of either.
    bool calls_builtin(const CallView& call, std::string_view name) const;

    // The binding an identifier refers to, looking outward from its scope; nullptr if none.
    const Binding* resolve(TSNode identifier) const;

    // The literal string an expression evaluates to: a string literal without interpolation, or a
    // name bound exactly once in its scope to such a literal. Concatenations of those fold too.
    std::optional<std::string> string_value(TSNode expression) const;

    // True for literal constants: strings (without interpolation), numbers, True/False/None, and
    // lists/tuples/sets of those.
    bool is_literal(TSNode expression) const;

    // True/False for a literal truth value (True, False, None, numbers, strings, empty/non-empty
    // containers); nullopt when the value is not a literal.
    std::optional<bool> literal_truth(TSNode expression) const;

    // The arguments of a call, built once per call node however many rules ask.
    const CallView& call(TSNode call) const;

    // The decorators of a function or class definition (the expressions after '@').
    std::vector<TSNode> decorators(TSNode definition) const;

    // Whether the module imports `module` (exactly, as `import module` or `import module as x`)
    // or anything from it (`from module import x`).
    bool imports_module(std::string_view module) const;

    const std::vector<Scope>& scopes() const { return scopes_; }

    // The tree's shape, indexed by the build walk. Install it (NodeIndex::Use) while rules run, so
    // that syntax:: navigation answers from it.
    const syntax::NodeIndex& index() const { return index_; }

    // The innermost scope containing a node.
    std::size_t scope_of(TSNode node) const;

private:
    void build(TSNode root, std::span<const std::uint8_t> collect);
    void bind(std::size_t scope, std::string_view name, Binding::Kind kind, TSNode definition,
              TSNode value, std::string qualified = {});
    const Binding* lookup(std::size_t scope, std::string_view name) const;
    // Appends the qualified name to `out`; false (with `out` as it may be left) when there is none.
    bool append_qualified_name(TSNode expression, int depth, std::string& out) const;
    void bind_target(std::size_t scope, TSNode target, TSNode value);
    void bind_import(std::size_t scope, TSNode statement);
    void bind_parameters(std::size_t scope, TSNode parameters);

    std::string_view text_;
    syntax::NodeIndex index_;
    std::vector<Scope> scopes_;
    std::unordered_map<std::uintptr_t, std::size_t>
        scope_by_node_; // scope-opening node id -> scope
    std::vector<std::string> imported_modules_;
    std::vector<std::pair<TSNode, std::size_t>> reads_; // identifiers read, with their scope
    std::vector<TSNode> collected_;
    std::vector<TSNode> module_statements_;
    // Every call-matching rule asks for the same callee's name: resolve it once per node.
    mutable std::unordered_map<const void*, std::string> qualified_names_;
    mutable std::unordered_map<const void*, CallView> calls_; // node-based: references stay valid
    // The last answers, since the rules dispatched on one node ask for it one after another.
    mutable std::pair<const void*, const CallView*> last_call_{nullptr, nullptr};
    mutable std::pair<const void*, const std::string*> last_name_{nullptr, nullptr};
};

// Strips the quotes and prefix of a plain string literal's source text; nullopt for f-strings,
// byte strings, and strings with escapes this cannot decode simply.
std::optional<std::string> string_literal_value(TSNode string, std::string_view source);

} // namespace vigil::analysis

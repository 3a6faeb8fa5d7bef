// RAII ownership of tree-sitter objects, and a few helpers for reading nodes. Every TSParser,
// TSTree, TSQuery and TSQueryCursor in Vigil lives in one of these.
#pragma once

#include "analysis/syntax/node_index.hpp"
#include "analysis/syntax/symbols.hpp"

#include <tree_sitter/api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::syntax {

struct ParserDeleter {
    void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
struct TreeDeleter {
    void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
struct QueryDeleter {
    void operator()(TSQuery* query) const { ts_query_delete(query); }
};
struct QueryCursorDeleter {
    void operator()(TSQueryCursor* cursor) const { ts_query_cursor_delete(cursor); }
};

using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;
using QueryPtr = std::unique_ptr<TSQuery, QueryDeleter>;
using QueryCursorPtr = std::unique_ptr<TSQueryCursor, QueryCursorDeleter>;

// A tree cursor that frees itself: tree-sitter's cursor is a value that owns a heap stack.
class TreeCursor {
public:
    explicit TreeCursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
    ~TreeCursor() { ts_tree_cursor_delete(&cursor_); }
    TreeCursor(const TreeCursor&) = delete;
    TreeCursor& operator=(const TreeCursor&) = delete;

    TSTreeCursor* get() { return &cursor_; }

private:
    TSTreeCursor cursor_;
};

// A parser set to the Python grammar. Throws std::runtime_error if the runtime rejects the grammar.
ParserPtr make_python_parser();

// A cheap, reference-counted copy that another thread may read while the original is edited.
inline TreePtr copy_tree(const TSTree* tree) {
    return TreePtr(tree ? ts_tree_copy(tree) : nullptr);
}

// The nodes from `ancestor` down to `node`'s parent, outermost first; empty when `node` is
// `ancestor` or not inside it. It climbs with parent(), a constant-time step where the current
// node index holds the nodes (in an analysis) and a search from the root elsewhere.
std::vector<TSNode> ancestors_below(TSNode ancestor, TSNode node);

// Visits every node of the tree under `root` once, in pre-order, with a cursor, reading each node
// and its symbol, and returns how many were named. No analysis: any analysis of the whole tree
// costs at least this much, which makes it the benchmark's walk floor (`vigil check --walk-only`).
std::size_t visit_every_node(TSNode root);

// A tree's S-expression, for comparing an incrementally edited tree with a fresh parse.
std::string tree_sexp(const TSTree* tree);

// The source text a node spans.
inline std::string_view node_text(TSNode node, std::string_view source) {
    const uint32_t start = ts_node_start_byte(node);
    const uint32_t end = ts_node_end_byte(node);
    if (start >= source.size() || end <= start) {
        return {};
    }
    return source.substr(start, std::min<std::size_t>(end, source.size()) - start);
}

// A string literal read from its source text, without visiting its parts: its prefix (r, b, u, ...)
// and the text between its quotes, escapes as written. Strings are most of a file's nodes and the
// walk does not index their parts. nullopt for f-strings (whose interpolations are parts of their
// own) and for strings with syntax errors.
struct PlainString {
    std::string_view prefix;
    std::string_view body;

    bool is_bytes() const { return prefix.find_first_of("bB") != std::string_view::npos; }
    bool is_raw() const { return prefix.find_first_of("rR") != std::string_view::npos; }
};
std::optional<PlainString> plain_string(TSNode string, std::string_view source);

// Whether a string literal holds an interpolation (only f-strings can).
bool has_interpolation(TSNode string, std::string_view source);

// A grammar symbol's name, from a table built once: ts_node_type returns a C string, which every
// comparison would first measure.
inline std::string_view symbol_name(TSSymbol symbol) {
    return symbol_traits(symbol).name;
}

inline std::string_view node_type(TSNode node) {
    return symbol_name(ts_node_symbol(node));
}

// The expression inside the parentheses around `node` (`((x))` -> `x`), or `node` itself.
inline TSNode unparenthesized(TSNode node) {
    while (!ts_node_is_null(node) && node_type(node) == "parenthesized_expression") {
        node = named_child(node, 0);
    }
    return node;
}

// A field's id in the Python grammar (0 for no such field), looked up in a table built once:
// tree-sitter's own lookup compares the name with every field name on each call.
TSFieldId field_id(std::string_view field);

inline TSNode child_by_field(TSNode node, std::string_view field) {
    return child_by_field_id(node, field_id(field));
}

} // namespace vigil::syntax

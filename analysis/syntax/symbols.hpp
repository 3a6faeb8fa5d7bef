// What the grammar says of each of its symbols, in one table built on first use. tree-sitter
// answers these questions through calls that look the symbol up again every time, and the
// analysis asks them of every node.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>
#include <vector>

namespace vigil::syntax {

struct SymbolTraits {
    std::string_view name; // as ts_language_symbol_name gives it
    bool named = false;    // as ts_node_is_named says of a node with this symbol
    // False when no child of a node of this type fills a field (per the grammar's
    // node-types.json), so there is no field to ask tree-sitter for.
    bool fields_possible = true;
};

namespace detail {

// tree-sitter's built-in error symbols sit at the top of the symbol range.
constexpr TSSymbol error_symbol = 0xFFFF;
constexpr TSSymbol error_repeat_symbol = 0xFFFE;

struct SymbolTable {
    std::vector<SymbolTraits> symbols; // by symbol, below the error symbols
    SymbolTraits error;                // ERROR, a visible node around what did not parse
    SymbolTraits error_repeat;         // _ERROR, hidden
};

const SymbolTable& symbol_table();

} // namespace detail

// Inline: node_type() asks this of nearly every node a rule looks at.
inline const SymbolTraits& symbol_traits(TSSymbol symbol) {
    static const detail::SymbolTable& table = detail::symbol_table();
    if (symbol < table.symbols.size()) {
        return table.symbols[symbol];
    }
    return symbol == detail::error_repeat_symbol ? table.error_repeat : table.error;
}

} // namespace vigil::syntax

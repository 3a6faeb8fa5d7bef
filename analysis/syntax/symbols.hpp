// What the grammar says of each of its symbols, in one table built on first use. tree-sitter
// answers these questions through calls that look the symbol up again every time, and the
// analysis asks them of every node.
#pragma once

#include <tree_sitter/api.h>

#include <string_view>

namespace vigil::syntax {

struct SymbolTraits {
    std::string_view name; // as ts_language_symbol_name gives it
    bool named = false;    // as ts_node_is_named says of a node with this symbol
    // False when no child of a node of this type fills a field (per the grammar's
    // node-types.json), so there is no field to ask tree-sitter for.
    bool fields_possible = true;
};

const SymbolTraits& symbol_traits(TSSymbol symbol);

} // namespace vigil::syntax

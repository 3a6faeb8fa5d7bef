#include "analysis/syntax/symbols.hpp"

#include <algorithm>
#include <iterator>
#include <utility>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace vigil::syntax {

namespace {

// Generated at configure time from node-types.json (analysis/grammar/FetchGrammar.cmake).
constexpr std::string_view field_free_types[] = {
#include "field_free_types.inc"
};

// tree-sitter's built-in error symbols sit at the top of the symbol range.
constexpr TSSymbol error_symbol = 0xFFFF;
constexpr TSSymbol error_repeat_symbol = 0xFFFE;

struct Table {
    std::vector<SymbolTraits> symbols;
    SymbolTraits error;        // ERROR, a visible node around what did not parse
    SymbolTraits error_repeat; // _ERROR, hidden
};

const Table& table() {
    static const Table built = [] {
        const TSLanguage* language = tree_sitter_python();
        Table result;
        result.symbols.resize(ts_language_symbol_count(language));
        for (TSSymbol id = 0; id < result.symbols.size(); ++id) {
            SymbolTraits& traits = result.symbols[id];
            const char* name = ts_language_symbol_name(language, id);
            traits.name = name ? std::string_view(name) : std::string_view();
            traits.named = ts_language_symbol_type(language, id) == TSSymbolTypeRegular;
            traits.fields_possible =
                !traits.named || std::find(std::begin(field_free_types), std::end(field_free_types),
                                           traits.name) == std::end(field_free_types);
        }
        for (auto [symbol, traits] : {std::pair{error_symbol, &result.error},
                                      std::pair{error_repeat_symbol, &result.error_repeat}}) {
            traits->name = ts_language_symbol_name(language, symbol);
            traits->named = ts_language_symbol_type(language, symbol) == TSSymbolTypeRegular;
        }
        return result;
    }();
    return built;
}

} // namespace

const SymbolTraits& symbol_traits(TSSymbol symbol) {
    const Table& symbols = table();
    if (symbol < symbols.symbols.size()) {
        return symbols.symbols[symbol];
    }
    return symbol == error_repeat_symbol ? symbols.error_repeat : symbols.error;
}

} // namespace vigil::syntax

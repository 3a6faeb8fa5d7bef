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

} // namespace

namespace detail {

const SymbolTable& symbol_table() {
    static const SymbolTable built = [] {
        const TSLanguage* language = tree_sitter_python();
        SymbolTable result;
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

} // namespace detail

} // namespace vigil::syntax

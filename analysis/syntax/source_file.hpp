// One Python source text with its syntax tree, kept in step through byte-range edits: each edit
// becomes a TSInputEdit and the tree is reparsed incrementally.
#pragma once

#include "analysis/syntax/tree_sitter.hpp"

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace vigil::syntax {

// An immutable view of one version, safe to hand to another thread: it owns a copy of the text
// and its own reference to the tree.
struct Snapshot {
    std::string text;
    TreePtr tree;

    TSNode root() const { return ts_tree_root_node(tree.get()); }
};

class SourceFile {
public:
    explicit SourceFile(std::string text);

    const std::string& text() const { return text_; }
    const TSTree* tree() const { return tree_.get(); }
    TSNode root() const { return ts_tree_root_node(tree_.get()); }

    // Replaces bytes [start, end) with `replacement`; offsets are clamped to the text and the end
    // to at least the start. Updates the tree incrementally.
    void edit(std::size_t start, std::size_t end, std::string_view replacement);

    // Replaces the whole text and parses from scratch.
    void replace(std::string text);

    // The text was too deeply nested to parse (see too_deeply_nested): the tree is an empty
    // module's, and the next edit parses from scratch.
    bool unparsed() const { return unparsed_; }

    Snapshot snapshot() const;

private:
    void reparse(const TSTree* old_tree);

    std::string text_;
    ParserPtr parser_;
    TreePtr tree_;
    bool unparsed_ = false;
};

// tree-sitter 0.20.7 corrupts its heap (frees an invalid pointer) on 65,535 or more unclosed
// brackets, and CPython refuses more than 200 nested ones. Text nested deeper than this is never
// given to the parser: its tree is an empty module's. The bound is far above any real program and
// above the 5,000 levels the tests show analysed, and well below the crash, so the rough count
// below (which can be misled by odd string syntax) keeps a wide margin.
inline constexpr std::size_t max_bracket_depth = 10000;

// Whether the brackets ( [ { of Python `text` nest deeper than max_bracket_depth, counted outside
// strings and comments as read roughly (prefixes, quotes, triple quotes, backslash escapes, and
// f-string interpolations as code, with the braces that open them). Fast when the text holds no
// more opening brackets than the bound.
bool too_deeply_nested(std::string_view text);

// Parses text from scratch (used by the scanner and by tests comparing against incremental
// parses); an empty module's tree when the text is too deeply nested.
TreePtr parse_python(TSParser* parser, std::string_view text);

// The tree-sitter point (row counted in '\n', column in bytes) of a byte offset.
TSPoint point_at(std::string_view text, std::size_t offset);

} // namespace vigil::syntax

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

    Snapshot snapshot() const;

private:
    void reparse(const TSTree* old_tree);

    std::string text_;
    ParserPtr parser_;
    TreePtr tree_;
};

// Parses text from scratch (used by the scanner and by tests comparing against incremental parses).
TreePtr parse_python(TSParser* parser, std::string_view text);

// The tree-sitter point (row counted in '\n', column in bytes) of a byte offset.
TSPoint point_at(std::string_view text, std::size_t offset);

} // namespace vigil::syntax

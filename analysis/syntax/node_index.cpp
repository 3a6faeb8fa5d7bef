#include "analysis/syntax/node_index.hpp"

#include "analysis/syntax/symbols.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <bit>
#include <string_view>
#include <utility>

namespace vigil::syntax {

namespace {

thread_local const NodeIndex* current_index = nullptr;

std::size_t hash_slot(const void* id, unsigned shift) {
    // Fibonacci hashing: node ids are pointers into the tree's arrays, so their low bits repeat.
    return static_cast<std::size_t>(
        (reinterpret_cast<std::uintptr_t>(id) * 0x9E3779B97F4A7C15ull) >> shift);
}

// Fields tree-sitter finds below a child that is itself visible: a hidden rule aliased to a
// visible name keeps the fields its parent inherited from it. The index, which knows only the
// fields its children fill, hands these questions to tree-sitter. In tree-sitter-python 0.23.6
// there is one: a match statement's case clauses sit in its (aliased) block. The node index test
// compares every field of every node with tree-sitter's answer, so a grammar update that adds one
// fails it.
struct InheritedThroughAlias {
    TSSymbol symbol;
    TSFieldId field;
};

const std::vector<InheritedThroughAlias>& inherited_through_alias() {
    static const std::vector<InheritedThroughAlias> fields = [] {
        const TSLanguage* language = tree_sitter_python();
        const std::pair<std::string_view, std::string_view> names[] = {
            {"match_statement", "alternative"},
        };
        std::vector<InheritedThroughAlias> found;
        for (const auto& [type, field] : names) {
            found.push_back({ts_language_symbol_for_name(language, type.data(),
                                                         static_cast<uint32_t>(type.size()), true),
                             ts_language_field_id_for_name(language, field.data(),
                                                           static_cast<uint32_t>(field.size()))});
        }
        return found;
    }();
    return fields;
}

} // namespace

NodeIndex::NodeIndex(TSNode root, const SkipChildren& skip_children) : tree_(root.tree) {
    if (ts_node_is_null(root)) {
        return;
    }
    // Python has a node per 6 to 10 bytes, fewer in files of long strings and more in dense code
    // (a node per 2 bytes); growing the array copies it, and an unused reservation costs no more
    // than address space.
    entries_.reserve(ts_node_end_byte(root) / 6 + 16);
    TreeCursor cursor(root);
    auto add = [&](std::uint32_t parent, std::uint32_t depth) {
        Entry entry;
        entry.node = ts_tree_cursor_current_node(cursor.get());
        entry.parent = parent;
        entry.depth = depth;
        entry.symbol = ts_node_symbol(entry.node);
        const SymbolTraits& traits = symbol_traits(entry.symbol);
        entry.is_named = traits.named;
        if (parent != none) {
            // Asking for the field walks up the cursor's stack: only where the parent has fields.
            if (symbol_traits(entries_[parent].symbol).fields_possible) {
                entry.field = ts_tree_cursor_current_field_id(cursor.get());
            }
            ++entries_[parent].child_count;
            entries_[parent].named_child_count += entry.is_named ? 1 : 0;
        }
        entries_.push_back(entry);
        return static_cast<std::uint32_t>(entries_.size() - 1);
    };

    // An iterative pre-order walk: deeply nested code must not exhaust the stack.
    // The cursor's failing goto_next_sibling is its dearest move (it climbs through the hidden
    // nodes above): knowing each parent's child count, the walk goes up without trying it.
    std::vector<std::uint32_t> child_counts; // of the node open at each depth on the path
    std::uint32_t current = add(none, 0);
    for (;;) {
        // Copies: add() grows entries_. A leaf is known by its child count, which is cheaper
        // than the cursor's failing move, and has nothing to skip.
        const TSNode node = entries_[current].node;
        const std::uint32_t node_depth = entries_[current].depth;
        const std::uint32_t count = ts_node_child_count(node);
        if (count > 0 && skip_children && skip_children(node, entries_[current].symbol)) {
            entries_[current].children_indexed = false;
        } else if (count > 0 && ts_tree_cursor_goto_first_child(cursor.get())) {
            child_counts.resize(node_depth + 1);
            child_counts[node_depth] = count;
            current = add(current, node_depth + 1);
            continue;
        }
        bool done = false;
        for (;;) {
            if (current == 0) {
                done = true; // back at the root: its siblings are not ours
                break;
            }
            const std::uint32_t parent = entries_[current].parent;
            const std::uint32_t depth = entries_[current].depth;
            if (entries_[parent].child_count < child_counts[depth - 1] &&
                ts_tree_cursor_goto_next_sibling(cursor.get())) {
                current = add(parent, depth);
                break;
            }
            ts_tree_cursor_goto_parent(cursor.get());
            current = entries_[current].parent;
        }
        if (done) {
            break;
        }
    }

    // Children, grouped by parent: pre-order appends each parent's children in order. The counts
    // are zeroed and counted again as the slots fill.
    std::uint32_t children = 0;
    std::uint32_t named = 0;
    for (Entry& entry : entries_) {
        entry.children = children;
        entry.named = named;
        children += entry.child_count;
        named += entry.named_child_count;
        entry.child_count = 0;
        entry.named_child_count = 0;
    }
    children_.resize(children);
    named_children_.resize(named);
    for (std::uint32_t slot = 1; slot < entries_.size(); ++slot) {
        Entry& parent = entries_[entries_[slot].parent];
        children_[parent.children + parent.child_count++] = slot;
        if (entries_[slot].is_named) {
            named_children_[parent.named + parent.named_child_count++] = slot;
        }
    }

    // The id table, at most half full.
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, 2 * entries_.size()));
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    slots_.assign(capacity, {nullptr, 0});
    for (std::uint32_t slot = 0; slot < entries_.size(); ++slot) {
        std::size_t at = hash_slot(entries_[slot].node.id, shift_);
        while (slots_[at].first != nullptr) {
            at = (at + 1) & (capacity - 1);
        }
        slots_[at] = {entries_[slot].node.id, slot};
    }
}

std::optional<std::uint32_t> NodeIndex::find(TSNode node) const {
    if (node.tree != tree_ || node.id == nullptr || slots_.empty()) {
        return std::nullopt;
    }
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t at = hash_slot(node.id, shift_);; at = (at + 1) & mask) {
        if (slots_[at].first == node.id) {
            return slots_[at].second;
        }
        if (slots_[at].first == nullptr) {
            return std::nullopt;
        }
    }
}

const NodeIndex::Entry* NodeIndex::entry(TSNode node) const {
    // Rules ask several questions of one node in a row (a call's function, then its arguments).
    if (node.id == last_.first && node.tree == tree_ && node.id != nullptr) {
        return &entries_[last_.second];
    }
    const std::optional<std::uint32_t> slot = find(node);
    if (!slot) {
        return nullptr;
    }
    last_ = {node.id, *slot};
    return &entries_[*slot];
}

const NodeIndex::Entry* NodeIndex::entry_with_children(TSNode node) const {
    const Entry* found = entry(node);
    return found && found->children_indexed ? found : nullptr;
}

std::optional<TSNode> NodeIndex::parent(TSNode node) const {
    const Entry* found = entry(node);
    // The index's own root may have a parent outside it: ask tree-sitter.
    if (!found || found->parent == none) {
        return std::nullopt;
    }
    return entries_[found->parent].node;
}

std::optional<std::uint32_t> NodeIndex::child_count(TSNode node) const {
    const Entry* found = entry_with_children(node);
    return found ? std::optional(found->child_count) : std::nullopt;
}

std::optional<std::uint32_t> NodeIndex::named_child_count(TSNode node) const {
    const Entry* found = entry_with_children(node);
    return found ? std::optional(found->named_child_count) : std::nullopt;
}

std::optional<TSNode> NodeIndex::nth_child(TSNode node, std::uint32_t index, bool named) const {
    const Entry* found = entry_with_children(node);
    if (!found) {
        return std::nullopt;
    }
    if (index >= (named ? found->named_child_count : found->child_count)) {
        return TSNode{};
    }
    return entries_[named ? named_children_[found->named + index]
                          : children_[found->children + index]]
        .node;
}

std::optional<TSNode> NodeIndex::child(TSNode node, std::uint32_t index) const {
    return nth_child(node, index, false);
}

std::optional<TSNode> NodeIndex::named_child(TSNode node, std::uint32_t index) const {
    return nth_child(node, index, true);
}

std::optional<TSNode> NodeIndex::child_by_field_id(TSNode node, TSFieldId field) const {
    const Entry* found = entry_with_children(node);
    if (!found) {
        return std::nullopt;
    }
    if (field != 0) {
        for (std::uint32_t i = 0; i < found->child_count; ++i) {
            const Entry& candidate = entries_[children_[found->children + i]];
            if (candidate.field == field) {
                return candidate.node;
            }
        }
    }
    for (const InheritedThroughAlias& inherited : inherited_through_alias()) {
        if (inherited.symbol == found->symbol && inherited.field == field) {
            return std::nullopt;
        }
    }
    return TSNode{};
}

NodeIndex::Use::Use(const NodeIndex& index) : previous_(current_index) {
    current_index = &index;
}

NodeIndex::Use::~Use() {
    current_index = previous_;
}

const NodeIndex* NodeIndex::current() {
    return current_index;
}

namespace {

// The current index's answer when it has one, else tree-sitter's.
template <typename Answer, typename FromIndex, typename FromTreeSitter>
Answer ask(FromIndex&& from_index, FromTreeSitter&& from_tree_sitter) {
    if (const NodeIndex* index = current_index) {
        if (const std::optional<Answer> answer = from_index(*index)) {
            return *answer;
        }
    }
    return from_tree_sitter();
}

} // namespace

TSNode parent(TSNode node) {
    return ask<TSNode>([&](const NodeIndex& index) { return index.parent(node); },
                       [&] { return ts_node_parent(node); });
}

std::uint32_t child_count(TSNode node) {
    return ask<std::uint32_t>([&](const NodeIndex& index) { return index.child_count(node); },
                              [&] { return ts_node_child_count(node); });
}

TSNode child(TSNode node, std::uint32_t i) {
    return ask<TSNode>([&](const NodeIndex& index) { return index.child(node, i); },
                       [&] { return ts_node_child(node, i); });
}

std::uint32_t named_child_count(TSNode node) {
    return ask<std::uint32_t>([&](const NodeIndex& index) { return index.named_child_count(node); },
                              [&] { return ts_node_named_child_count(node); });
}

TSNode named_child(TSNode node, std::uint32_t i) {
    return ask<TSNode>([&](const NodeIndex& index) { return index.named_child(node, i); },
                       [&] { return ts_node_named_child(node, i); });
}

TSNode child_by_field_id(TSNode node, TSFieldId field) {
    return ask<TSNode>([&](const NodeIndex& index) { return index.child_by_field_id(node, field); },
                       [&] { return ts_node_child_by_field_id(node, field); });
}

} // namespace vigil::syntax

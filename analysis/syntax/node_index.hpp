// A flat copy of a syntax tree's shape, built by one cursor walk, that answers the structural
// questions rules ask (a node's parent, its children, the child in a field) in constant time.
//
// Why: tree-sitter 0.20's ts_node_child, ts_node_named_child and ts_node_child_by_field_id walk a
// node's children from the first one, recomputing positions, on every call, and ts_node_parent
// searches down from the root. In a scan those calls cost as much as all the rules' own work.
//
// The syntax:: navigation functions below answer from the index installed on this thread (see
// NodeIndex::Use) when it holds the node, and from tree-sitter otherwise, so code that runs
// outside an analysis (quick fixes, hover) gets the same answers, just slower.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

extern "C" const TSLanguage* tree_sitter_python(void);

namespace vigil::syntax {

class NodeIndex {
public:
    static constexpr std::uint32_t none = UINT32_MAX;

    struct Entry {
        TSNode node{};
        std::uint32_t parent = none;
        std::uint32_t depth = 0;       // the root is at depth 0
        std::uint32_t children = 0;    // first child's slot in the children array
        std::uint32_t named = 0;       // first named child's slot in the named-children array
        std::uint32_t child_count = 0; // 0 as well when the children were not indexed
        std::uint32_t named_child_count = 0;
        TSSymbol symbol = 0;
        TSFieldId field = 0; // the field this node fills in its parent; 0 for none
        bool is_named = false;
        bool children_indexed = true;
    };

    // Returns true for a node whose descendants need no index (the walk then skips them, and
    // questions about them go to tree-sitter).
    using SkipChildren = std::function<bool(const TSNode& node, TSSymbol symbol)>;

    NodeIndex() = default;
    explicit NodeIndex(TSNode root, const SkipChildren& skip_children = {});

    NodeIndex(const NodeIndex&) = delete;
    NodeIndex& operator=(const NodeIndex&) = delete;
    NodeIndex(NodeIndex&&) = default;
    NodeIndex& operator=(NodeIndex&&) = default;

    // Every indexed node, in document (pre-)order.
    const std::vector<Entry>& entries() const { return entries_; }

    // The node's slot in entries(), if indexed.
    std::optional<std::uint32_t> find(TSNode node) const;

    // The answers, for an indexed node; nullopt when the index cannot say (the node, or its
    // children, were not indexed).
    std::optional<TSNode> parent(TSNode node) const;
    std::optional<std::uint32_t> child_count(TSNode node) const;
    std::optional<TSNode> child(TSNode node, std::uint32_t index) const;
    std::optional<std::uint32_t> named_child_count(TSNode node) const;
    std::optional<TSNode> named_child(TSNode node, std::uint32_t index) const;
    std::optional<TSNode> child_by_field_id(TSNode node, TSFieldId field) const;

    // The index the navigation functions consult on this thread, for the guard's lifetime.
    class Use {
    public:
        explicit Use(const NodeIndex& index);
        ~Use();
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;

    private:
        const NodeIndex* previous_;
    };
    static const NodeIndex* current();

private:
    const Entry* entry(TSNode node) const;
    const Entry* entry_with_children(TSNode node) const; // null unless its children are indexed
    std::optional<TSNode> nth_child(TSNode node, std::uint32_t index, bool named) const;

    const TSTree* tree_ = nullptr;
    std::vector<Entry> entries_;
    std::vector<std::uint32_t> children_;       // entry slots, grouped by parent
    std::vector<std::uint32_t> named_children_; // the same, named children only
    // node id -> entry slot: open addressing, linear probing, a power-of-two size.
    std::vector<std::pair<const void*, std::uint32_t>> slots_;
    unsigned shift_ = 64;
    mutable std::pair<const void*, std::uint32_t> last_{nullptr, 0}; // the last node asked about
};

// tree-sitter's node navigation, answered by the current NodeIndex where it can.
TSNode parent(TSNode node);
std::uint32_t child_count(TSNode node);
TSNode child(TSNode node, std::uint32_t index);
std::uint32_t named_child_count(TSNode node);
TSNode named_child(TSNode node, std::uint32_t index);
TSNode child_by_field_id(TSNode node, TSFieldId field);

} // namespace vigil::syntax

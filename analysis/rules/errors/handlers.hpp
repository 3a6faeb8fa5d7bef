// What the rules about exception handlers (B110, B112, VG130) read of an `except` clause.
#pragma once

#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

// The exception type a handler names (without `as name`), or a null node for a bare `except:`.
inline TSNode handled_type(TSNode handler) {
    TSNode type = syntax::child_by_field(handler, "value");
    if (ts_node_is_null(type) && syntax::node_type(handler) == "except_group_clause") {
        type = syntax::named_child(handler, 0);
    }
    if (!ts_node_is_null(type) && syntax::node_type(type) == "block") {
        return TSNode{};
    }
    if (!ts_node_is_null(type) && syntax::node_type(type) == "as_pattern") {
        type = syntax::named_child(type, 0);
    }
    return type;
}

} // namespace vigil::analysis::rules

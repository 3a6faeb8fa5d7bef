// What a receiver was made by: `tar` in `tar = tarfile.open(p)` or `with tarfile.open(p) as tar:`
// is that call. Rules use it to tell a tarfile from a zipfile, or a Flask app from a thread.
#pragma once

#include "analysis/semantic/model.hpp"
#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules {

// The call an expression is, or that a name bound once (by assignment or `with ... as name`)
// was given; a null node otherwise.
inline TSNode bound_call(const SemanticModel& model, TSNode expression) {
    if (ts_node_is_null(expression)) {
        return expression;
    }
    const std::string_view type = syntax::node_type(expression);
    if (type == "call") {
        return expression;
    }
    if (type != "identifier") {
        return TSNode{};
    }
    const Binding* binding = model.resolve(expression);
    if (!binding || binding->kind != Binding::Kind::Assignment || binding->assignments != 1) {
        return TSNode{};
    }
    TSNode value = binding->value;
    if (ts_node_is_null(value) && !ts_node_is_null(binding->definition)) {
        // `with f() as name:` binds name without a value in the model: read it off the pattern.
        const TSNode target = syntax::parent(binding->definition);
        const TSNode pattern = ts_node_is_null(target) ? target : syntax::parent(target);
        if (!ts_node_is_null(pattern) && syntax::node_type(target) == "as_pattern_target" &&
            syntax::node_type(pattern) == "as_pattern") {
            value = syntax::named_child(pattern, 0);
        }
    }
    if (ts_node_is_null(value) || syntax::node_type(value) != "call") {
        return TSNode{};
    }
    return value;
}

} // namespace vigil::analysis::rules

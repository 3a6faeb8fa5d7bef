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
    // A name bound once: by an assignment, or by `with f() as name:`, whose value the context
    // manager's __enter__ returns (for files, archives and clients, the object itself).
    const Binding* binding = model.resolve(expression);
    if (!binding || binding->kind != Binding::Kind::Assignment || binding->assignments != 1) {
        return TSNode{};
    }
    const Definition& definition = model.definitions()[binding->definitions.front()];
    const bool carries_call = definition.kind == Definition::Kind::Assignment ||
                              definition.kind == Definition::Kind::Walrus ||
                              definition.kind == Definition::Kind::WithAlias;
    const TSNode value = carries_call ? definition.value : TSNode{};
    if (ts_node_is_null(value) || syntax::node_type(value) != "call") {
        return TSNode{};
    }
    return value;
}

} // namespace vigil::analysis::rules

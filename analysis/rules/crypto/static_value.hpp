// Shared by VG221 (static IV or nonce) and VG222 (hardcoded key): whether an expression is the
// same value on every run, and whether a file is a test (where fixed keys and IVs are test
// vectors).
#pragma once

#include "analysis/config.hpp"
#include "analysis/semantic/model.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string_view>

namespace vigil::analysis::rules::crypto {

// A literal str/bytes (or concatenation), `b"\x00" * 16`, `bytes(16)`, `bytearray(16)`,
// `bytes.fromhex("...")`, `"...".encode()`, or a name bound once (in the module or function)
// to one of those.
inline bool is_static_value(const SemanticModel& model, TSNode expression, int depth = 0) {
    if (ts_node_is_null(expression) || depth > 6) {
        return false;
    }
    const std::string_view type = syntax::node_type(expression);
    if (type == "string") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            if (syntax::node_type(syntax::named_child(expression, i)) == "interpolation") {
                return false;
            }
        }
        return true;
    }
    if (type == "concatenated_string") {
        return true;
    }
    if (type == "parenthesized_expression") {
        return is_static_value(model, syntax::named_child(expression, 0), depth + 1);
    }
    if (type == "binary_operator") {
        const TSNode left = syntax::child_by_field(expression, "left");
        const TSNode right = syntax::child_by_field(expression, "right");
        const std::string_view op = model.text(syntax::child_by_field(expression, "operator"));
        if (op == "*") {
            return (is_static_value(model, left, depth + 1) &&
                    syntax::node_type(right) == "integer") ||
                   (is_static_value(model, right, depth + 1) &&
                    syntax::node_type(left) == "integer");
        }
        if (op == "+") {
            return is_static_value(model, left, depth + 1) &&
                   is_static_value(model, right, depth + 1);
        }
        return false;
    }
    if (type == "call") {
        const CallView& view = model.call(expression);
        const TSNode first = view.argument(0);
        if (model.calls_builtin(view, "bytes") || model.calls_builtin(view, "bytearray")) {
            return view.positional.size() == 1 &&
                   (syntax::node_type(first) == "integer" || model.is_literal(first));
        }
        if (const std::string_view method = view.method; !method.empty()) {
            const TSNode receiver = view.receiver;
            if (method == "encode") {
                return is_static_value(model, receiver, depth + 1);
            }
            if (method == "fromhex" || method == "b64decode" || method == "unhexlify" ||
                method == "a2b_hex" || method == "urlsafe_b64decode") {
                return view.positional.size() == 1 && is_static_value(model, first, depth + 1);
            }
        }
        return false;
    }
    if (type == "identifier") {
        const TSNode value = model.single_value(expression);
        return !ts_node_is_null(value) && is_static_value(model, value, depth + 1);
    }
    return false;
}

// Whether a callee's leftmost name is an import (`jwt` in `jwt.decode`), not a local variable
// that happens to share a module's name (`jwt = make_signed_jwt(...); jwt.decode("ascii")`).
inline bool callee_is_imported(const SemanticModel& model, TSNode callee) {
    TSNode root = callee;
    while (!ts_node_is_null(root) && syntax::node_type(root) == "attribute") {
        root = syntax::child_by_field(root, "object");
    }
    if (ts_node_is_null(root) || syntax::node_type(root) != "identifier") {
        return false;
    }
    const Binding* binding = model.resolve(root);
    return binding && binding->kind == Binding::Kind::Import;
}

// Test files by name (test_*.py, *_test.py, tests.py, conftest.py): fixed keys and IVs there are
// test vectors.
inline bool is_test_file(std::string_view path) {
    for (std::string_view glob : {"test_*.py", "*_test.py", "tests.py", "conftest.py"}) {
        if (path_matches_glob(path, glob)) {
            return true;
        }
    }
    return false;
}

} // namespace vigil::analysis::rules::crypto

#include "analysis/rules/xss/safe_markup.hpp"

#include "analysis/syntax/tree_sitter.hpp"

#include <cstddef>
#include <string_view>

namespace vigil::analysis::rules::xss {

namespace {

using syntax::child_by_field;
// The node's type, "" for a null node (parts missing from code that does not parse).
std::string_view node_type(TSNode node) {
    return ts_node_is_null(node) ? std::string_view() : syntax::node_type(node);
}

constexpr int max_depth = 8; // bounds the work on names defined through one another

bool own_text(const SemanticModel& model, TSNode expression, int depth);

bool is_left_of(TSNode parent, TSNode node, std::string_view field) {
    const TSNode left = child_by_field(parent, field);
    return !ts_node_is_null(left) && ts_node_eq(left, node);
}

// Walks the statements of one scope (not the functions, classes and lambdas inside it) and judges
// every place that binds `name` before byte `until`.
struct AssignmentScan {
    const SemanticModel& model;
    std::string_view name;
    std::size_t until;
    int depth;
    bool found = false;
    bool safe = true;

    void visit(TSNode node, TSNode parent, bool root) {
        if (!safe) {
            return;
        }
        const std::string_view type = node_type(node);
        if (!root && (type == "function_definition" || type == "class_definition")) {
            // Its name is bound here; its body is another scope.
            const TSNode defined = child_by_field(node, "name");
            if (!ts_node_is_null(defined) && model.text(defined) == name &&
                ts_node_start_byte(node) < until) {
                safe = false;
            }
            return;
        }
        if (!root && type == "lambda") {
            return;
        }
        if (type == "identifier") {
            if (ts_node_start_byte(node) < until && model.text(node) == name) {
                judge(node, parent);
            }
            return;
        }
        const uint32_t count = syntax::named_child_count(node);
        for (uint32_t i = 0; i < count && safe; ++i) {
            visit(syntax::named_child(node, i), node, false);
        }
    }

    void judge(TSNode identifier, TSNode parent) {
        const std::string_view type = node_type(parent);
        if (type == "assignment" && is_left_of(parent, identifier, "left")) {
            const TSNode right = child_by_field(parent, "right");
            if (ts_node_is_null(right)) {
                return; // `x: str` binds nothing
            }
            found = true;
            safe = own_text(model, right, depth + 1);
        } else if (type == "augmented_assignment" && is_left_of(parent, identifier, "left")) {
            found = true;
            const TSNode op = child_by_field(parent, "operator");
            safe = !ts_node_is_null(op) && model.text(op) == "+=" &&
                   own_text(model, child_by_field(parent, "right"), depth + 1);
        } else if (type == "named_expression" && is_left_of(parent, identifier, "name")) {
            found = true;
            safe = own_text(model, child_by_field(parent, "value"), depth + 1);
        } else if (type == "pattern_list" || type == "tuple_pattern" || type == "list_pattern" ||
                   type == "list_splat_pattern" || type == "as_pattern_target" ||
                   type == "global_statement" || type == "nonlocal_statement" ||
                   type == "parameters" || type == "lambda_parameters" ||
                   type == "default_parameter" || type == "typed_parameter" ||
                   type == "typed_default_parameter" || type == "dictionary_splat_pattern" ||
                   type == "dotted_name" || type == "aliased_import" ||
                   type == "import_from_statement" ||
                   (type == "except_clause" && is_left_of(parent, identifier, "alias")) ||
                   (type == "for_statement" && is_left_of(parent, identifier, "left")) ||
                   (type == "for_in_clause" && is_left_of(parent, identifier, "left"))) {
            // Bound to something not written here (unpacking, a loop, a parameter, an import),
            // or declared to live in another scope. `*args` in a call also lands here; that is
            // a read, but being conservative costs nothing.
            found = true;
            safe = false;
        }
    }
};

bool name_is_own_text(const SemanticModel& model, TSNode identifier, int depth) {
    const Binding* binding = model.resolve(identifier);
    if (!binding || binding->kind != Binding::Kind::Assignment) {
        return false; // a parameter, an import, a builtin, a global set elsewhere
    }
    // The scope that holds the binding, as the model's lookup finds it.
    const std::string_view name = model.text(identifier);
    const std::size_t use_scope = model.scope_of(identifier);
    std::size_t owner = SIZE_MAX;
    for (std::size_t current = use_scope; current != SIZE_MAX;
         current = model.scopes()[current].parent) {
        const auto& bindings = model.scopes()[current].bindings;
        const auto it = bindings.find(name);
        if (it != bindings.end()) {
            if (&it->second == binding) {
                owner = current;
            }
            break;
        }
    }
    if (owner == SIZE_MAX) {
        return false;
    }
    // In the same scope only earlier assignments count (as in Bandit); from an inner function
    // the call may run after any of them.
    const std::size_t until =
        owner == use_scope ? ts_node_start_byte(identifier) : static_cast<std::size_t>(-1);
    AssignmentScan scan{model, name, until, depth};
    scan.visit(model.scopes()[owner].node, TSNode{}, true);
    return scan.found && scan.safe;
}

bool format_arguments_are_own_text(const SemanticModel& model, TSNode arguments, int depth) {
    if (ts_node_is_null(arguments) || node_type(arguments) != "argument_list") {
        return false;
    }
    const uint32_t count = syntax::named_child_count(arguments);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode argument = syntax::named_child(arguments, i);
        const std::string_view type = node_type(argument);
        if (type == "comment") {
            continue;
        }
        if (type == "keyword_argument") {
            if (!own_text(model, child_by_field(argument, "value"), depth + 1)) {
                return false;
            }
        } else if (type == "list_splat") {
            // *["a", "b"]: the elements of a literal list or tuple.
            const TSNode list = syntax::named_child(argument, 0);
            if (ts_node_is_null(list) ||
                (node_type(list) != "list" && node_type(list) != "tuple")) {
                return false;
            }
            const uint32_t elements = syntax::named_child_count(list);
            for (uint32_t j = 0; j < elements; ++j) {
                if (!own_text(model, syntax::named_child(list, j), depth + 1)) {
                    return false;
                }
            }
        } else if (type == "dictionary_splat" || !own_text(model, argument, depth + 1)) {
            return false;
        }
    }
    return true;
}

bool own_text(const SemanticModel& model, TSNode expression, int depth) {
    if (ts_node_is_null(expression) || depth > max_depth) {
        return false;
    }
    const std::string_view type = node_type(expression);
    if (type == "parenthesized_expression") {
        return own_text(model, syntax::named_child(expression, 0), depth + 1);
    }
    if (type == "string" || type == "concatenated_string") {
        if (model.is_literal(expression)) {
            return true;
        }
        // An f-string: its text is the programmer's, its interpolations must be too.
        bool all = true;
        auto interpolations = [&](auto&& self, TSNode node) -> void {
            const uint32_t count = syntax::named_child_count(node);
            for (uint32_t i = 0; i < count && all; ++i) {
                const TSNode child = syntax::named_child(node, i);
                const std::string_view child_type = node_type(child);
                if (child_type == "interpolation") {
                    all = own_text(model, child_by_field(child, "expression"), depth + 1);
                } else if (child_type == "string") {
                    self(self, child);
                }
            }
        };
        interpolations(interpolations, expression);
        return all;
    }
    if (type == "identifier") {
        if (model.string_value(expression)) {
            return true; // bound once to a literal
        }
        return name_is_own_text(model, expression, depth);
    }
    if (type == "binary_operator") {
        const TSNode op = child_by_field(expression, "operator");
        const std::string_view symbol = model.text(op);
        const TSNode left = child_by_field(expression, "left");
        const TSNode right = child_by_field(expression, "right");
        if (symbol == "+") {
            return own_text(model, left, depth + 1) && own_text(model, right, depth + 1);
        }
        if (symbol == "%") {
            if (!own_text(model, left, depth + 1)) {
                return false;
            }
            if (node_type(right) == "tuple") {
                const uint32_t count = syntax::named_child_count(right);
                for (uint32_t i = 0; i < count; ++i) {
                    if (!own_text(model, syntax::named_child(right, i), depth + 1)) {
                        return false;
                    }
                }
                return true;
            }
            return own_text(model, right, depth + 1);
        }
        return false;
    }
    if (type == "conditional_expression") {
        // `a if condition else b`: the condition is not part of the value.
        return own_text(model, syntax::named_child(expression, 0), depth + 1) &&
               own_text(model, syntax::named_child(expression, 2), depth + 1);
    }
    if (type == "assignment") {
        return own_text(model, child_by_field(expression, "right"), depth + 1); // a = b = "x"
    }
    if (type == "call") {
        // "<b>{}</b>".format(...) with arguments that are all the programmer's own.
        const TSNode callee = child_by_field(expression, "function");
        if (node_type(callee) != "attribute" ||
            model.text(child_by_field(callee, "attribute")) != "format" ||
            !own_text(model, child_by_field(callee, "object"), depth + 1)) {
            return false;
        }
        return format_arguments_are_own_text(model, child_by_field(expression, "arguments"), depth);
    }
    return false;
}

} // namespace

bool is_own_text(const SemanticModel& model, TSNode expression) {
    return own_text(model, expression, 0);
}

} // namespace vigil::analysis::rules::xss

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

// Whether a name holds only the programmer's own text where it is read: every definition of it
// that can have run is an assignment of own text (or `+=` of own text). In the same scope only
// the definitions before the read count (as in Bandit); from an inner function the call may run
// after any of them.
bool name_is_own_text(const SemanticModel& model, TSNode identifier, int depth) {
    const Binding* binding = model.resolve(identifier);
    if (!binding || binding->kind != Binding::Kind::Assignment || binding->definitions.empty()) {
        return false; // a parameter, an import, a builtin, a global set elsewhere
    }
    const std::size_t owner = model.definitions()[binding->definitions.front()].scope;
    const std::size_t until = owner == model.scope_of(identifier) ? ts_node_start_byte(identifier)
                                                                  : static_cast<std::size_t>(-1);
    bool found = false;
    for (const std::uint32_t index : binding->definitions) {
        const Definition& definition = model.definitions()[index];
        if (ts_node_start_byte(definition.target) >= until) {
            continue;
        }
        switch (definition.kind) {
        case Definition::Kind::Assignment:
            if (ts_node_is_null(definition.value)) {
                continue; // `x: str` binds nothing
            }
            if (!own_text(model, definition.value, depth + 1)) {
                return false;
            }
            break;
        case Definition::Kind::AugmentedAssignment: {
            const TSNode op = child_by_field(definition.statement, "operator");
            if (ts_node_is_null(op) || model.text(op) != "+=" ||
                !own_text(model, definition.value, depth + 1)) {
                return false;
            }
            break;
        }
        case Definition::Kind::Walrus:
            if (!own_text(model, definition.value, depth + 1)) {
                return false;
            }
            break;
        default:
            // Bound to something not written here (unpacking, a loop, an alias, a capture), or
            // declared to live in another scope.
            return false;
        }
        found = true;
    }
    return found;
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
        if (model.method_name(callee) != "format" ||
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

#include "analysis/fix_builder.hpp"

#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis {

TextEdit replace_node(TSNode node, std::string replacement) {
    return TextEdit{ts_node_start_byte(node), ts_node_end_byte(node), std::move(replacement)};
}

TSNode keyword_argument_node(const CallView& call, std::string_view name) {
    const TSNode value = call.keyword(name);
    return ts_node_is_null(value) ? value : syntax::parent(value);
}

TextEdit remove_argument(TSNode argument, std::string_view text) {
    const TSNode list = syntax::parent(argument);
    const uint32_t count = syntax::named_child_count(list);
    TSNode previous{};
    TSNode next{};
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode child = syntax::named_child(list, i);
        if (ts_node_eq(child, argument)) {
            if (i > 0) {
                previous = syntax::named_child(list, i - 1);
            }
            if (i + 1 < count) {
                next = syntax::named_child(list, i + 1);
            }
            break;
        }
    }
    std::size_t start = ts_node_start_byte(argument);
    std::size_t end = ts_node_end_byte(argument);
    if (!ts_node_is_null(previous)) {
        start = ts_node_end_byte(previous); // ", b=1" goes with the comma before it
    } else if (!ts_node_is_null(next)) {
        end = ts_node_start_byte(next); // "b=1, " goes with the comma after it
    } else {
        // The only argument: also drop a trailing comma ("f(b=1,)").
        std::size_t after = end;
        while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) {
            ++after;
        }
        if (after < text.size() && text[after] == ',') {
            end = after + 1;
        }
    }
    return TextEdit{start, end, ""};
}

std::optional<TextEdit> add_argument(const CallView& call, std::string_view text,
                                     std::string_view argument) {
    const TSNode list = syntax::child_by_field(call.call, "arguments");
    if (ts_node_is_null(list) || syntax::node_type(list) != "argument_list") {
        return std::nullopt;
    }
    TSNode last{};
    for (uint32_t i = syntax::named_child_count(list); i > 0; --i) {
        const TSNode child = syntax::named_child(list, i - 1);
        if (syntax::node_type(child) != "comment") {
            last = child;
            break;
        }
    }
    const std::size_t close = ts_node_end_byte(list) - 1;
    if (ts_node_is_null(last)) {
        return TextEdit{close, close, std::string(argument)};
    }
    const std::size_t last_end = ts_node_end_byte(last);
    std::size_t after = last_end;
    while (after < close && (text[after] == ' ' || text[after] == '\t')) {
        ++after;
    }
    if (after >= close || text[after] != ',') {
        return TextEdit{last_end, last_end, ", " + std::string(argument)};
    }
    // A trailing comma: one argument per line keeps that layout, otherwise stay on the line.
    const bool one_per_line =
        text.substr(after, close - after).find('\n') != std::string_view::npos;
    if (!one_per_line) {
        return TextEdit{after + 1, after + 1, " " + std::string(argument) + ","};
    }
    const std::size_t line_start = text.rfind('\n', ts_node_start_byte(last));
    const std::size_t indent_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    std::size_t indent_end = indent_start;
    while (indent_end < text.size() && (text[indent_end] == ' ' || text[indent_end] == '\t')) {
        ++indent_end;
    }
    return TextEdit{after + 1, after + 1,
                    "\n" + std::string(text.substr(indent_start, indent_end - indent_start)) +
                        std::string(argument) + ","};
}

std::optional<TextEdit> set_keyword_argument(const CallView& call, std::string_view text,
                                             std::string_view name, std::string_view value) {
    const TSNode current = call.keyword(name);
    if (!ts_node_is_null(current)) {
        return replace_node(current, std::string(value));
    }
    return add_argument(call, text, std::string(name) + "=" + std::string(value));
}

std::optional<TextEdit> add_import(const SemanticModel& model, TSNode root,
                                   std::string_view module) {
    // Already there as `import module`: nothing to add.
    for (const auto& [name, binding] : model.scopes().front().bindings) {
        if (binding.kind == Binding::Kind::Import && binding.qualified == module &&
            name == module) {
            return std::nullopt;
        }
    }
    // After the docstring, __future__ imports and the other top-level imports at the start.
    std::size_t insert_at = 0;
    const uint32_t count = syntax::named_child_count(root);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode statement = syntax::named_child(root, i);
        const std::string_view type = ts_node_type(statement);
        const bool docstring =
            i == 0 && type == "expression_statement" && syntax::named_child_count(statement) == 1 &&
            std::string_view(ts_node_type(syntax::named_child(statement, 0))) == "string";
        if (type == "import_statement") {
            // `import a.b` makes `a.b` usable as written (it binds only `a`).
            const uint32_t names = syntax::named_child_count(statement);
            for (uint32_t j = 0; j < names; ++j) {
                const TSNode name = syntax::named_child(statement, j);
                if (std::string_view(ts_node_type(name)) == "dotted_name" &&
                    model.text(name) == module) {
                    return std::nullopt;
                }
            }
        }
        if (type == "comment" || docstring || type == "import_statement" ||
            type == "import_from_statement" || type == "future_import_statement") {
            if (type != "comment") {
                insert_at = ts_node_end_byte(statement);
            }
            continue;
        }
        break;
    }
    const std::string_view text = model.text();
    std::string line = "import " + std::string(module) + "\n";
    if (insert_at == 0) {
        return TextEdit{0, 0, line};
    }
    // Put it on the line after the statement.
    std::size_t line_end = text.find('\n', insert_at);
    if (line_end == std::string_view::npos) {
        return TextEdit{text.size(), text.size(),
                        "\n" + std::string("import ") + std::string(module)};
    }
    return TextEdit{line_end + 1, line_end + 1, line};
}

} // namespace vigil::analysis

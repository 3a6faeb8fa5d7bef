#include "analysis/suppression_edit.hpp"

#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis {

namespace {

std::size_t line_end(std::string_view text, std::size_t offset) {
    const std::size_t end = text.find_first_of("\r\n", offset);
    return end == std::string_view::npos ? text.size() : end;
}

// True when `offset` (a line end) lies inside a string that continues on the next line, where a
// comment would become part of the string.
bool inside_multiline_string(TSNode root, std::size_t offset) {
    TSNode node = ts_node_descendant_for_byte_range(root, static_cast<uint32_t>(offset),
                                                    static_cast<uint32_t>(offset));
    for (; !ts_node_is_null(node); node = syntax::parent(node)) {
        const std::string_view type = ts_node_type(node);
        if (type == "string" || type == "concatenated_string") {
            return ts_node_start_byte(node) < offset && ts_node_end_byte(node) > offset;
        }
    }
    return false;
}

// True when the line ending at `offset` ends in a backslash that joins the next line to it (not
// one in a comment), and there is a next line.
bool continued_by_backslash(TSNode root, std::string_view text, std::size_t offset) {
    if (offset == 0 || offset >= text.size() || text[offset - 1] != '\\') {
        return false;
    }
    const TSNode node = ts_node_descendant_for_byte_range(root, static_cast<uint32_t>(offset - 1),
                                                          static_cast<uint32_t>(offset));
    return ts_node_is_null(node) || std::string_view(ts_node_type(node)) != "comment";
}

// The comment node that ends the line holding `line_end_offset`, if any.
std::optional<TSNode> trailing_comment(TSNode root, std::string_view text, std::size_t line_end_offset) {
    std::size_t last = line_end_offset;
    while (last > 0 && (text[last - 1] == ' ' || text[last - 1] == '\t')) {
        --last;
    }
    if (last == 0) {
        return std::nullopt;
    }
    TSNode node = ts_node_descendant_for_byte_range(root, static_cast<uint32_t>(last - 1),
                                                    static_cast<uint32_t>(last));
    if (!ts_node_is_null(node) && std::string_view(ts_node_type(node)) == "comment") {
        return node;
    }
    return std::nullopt;
}

std::string new_comment(const SuppressionRequest& request) {
    switch (request.style) {
    case SuppressionStyle::Noqa:
        if (!request.ruff_code.empty()) {
            return "# noqa: " + std::string(request.ruff_code);
        }
        break;
    case SuppressionStyle::Vigil:
        return "# vigil: ignore[" + std::string(request.code) + "]";
    case SuppressionStyle::Nosec:
        break;
    }
    return "# nosec " + std::string(request.code);
}

} // namespace

std::optional<TextEdit> suppression_edit(std::string_view text, const TSTree* tree,
                                         const SuppressionRequest& request) {
    const TSNode root = ts_tree_root_node(tree);
    std::size_t end = line_end(text, std::min(request.offset, text.size()));
    // Move to the end of the logical line: past strings that go on and backslash continuations.
    for (;;) {
        if (inside_multiline_string(root, end)) {
            // Put the comment after the string instead: at the end of the line where it closes.
            TSNode node = ts_node_descendant_for_byte_range(root, static_cast<uint32_t>(end),
                                                            static_cast<uint32_t>(end));
            while (!ts_node_is_null(node) && std::string_view(ts_node_type(node)) != "string" &&
                   std::string_view(ts_node_type(node)) != "concatenated_string") {
                node = syntax::parent(node);
            }
            if (ts_node_is_null(node)) {
                return std::nullopt;
            }
            end = line_end(text, ts_node_end_byte(node));
        } else if (continued_by_backslash(root, text, end)) {
            // A comment after the backslash is a SyntaxError: the next line takes it.
            end = line_end(text, end + (text.substr(end, 2) == "\r\n" ? 2 : 1));
        } else {
            break;
        }
    }

    if (const auto comment = trailing_comment(root, text, end)) {
        const std::string_view existing = syntax::node_text(*comment, text);
        const std::size_t nosec = existing.find("nosec");
        if (nosec != std::string_view::npos && request.style == SuppressionStyle::Nosec) {
            // Extend "# nosec B101" to "# nosec B101, B602"; a bare "# nosec" covers all already.
            std::string_view rest = existing.substr(nosec + 5);
            const std::size_t hash = rest.find('#');
            const std::string_view codes = rest.substr(0, hash);
            if (codes.find_first_not_of(" \t:") == std::string_view::npos) {
                return std::nullopt;
            }
            std::size_t codes_end = ts_node_start_byte(*comment) + nosec + 5 +
                                    (hash == std::string_view::npos ? rest.size() : hash);
            while (codes_end > 0 && (text[codes_end - 1] == ' ' || text[codes_end - 1] == '\t')) {
                --codes_end;
            }
            return TextEdit{codes_end, codes_end, ", " + std::string(request.code)};
        }
        const std::size_t at = ts_node_end_byte(*comment);
        return TextEdit{at, at, " " + new_comment(request)};
    }
    return TextEdit{end, end, "  " + new_comment(request)};
}

} // namespace vigil::analysis

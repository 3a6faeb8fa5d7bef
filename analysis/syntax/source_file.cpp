#include "analysis/syntax/source_file.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace vigil::syntax {

ParserPtr make_python_parser() {
    ParserPtr parser(ts_parser_new());
    if (!ts_parser_set_language(parser.get(), tree_sitter_python())) {
        throw std::runtime_error("tree-sitter runtime rejected the Python grammar (ABI mismatch)");
    }
    return parser;
}

TSFieldId field_id(std::string_view field) {
    // Callers pass string literals: a small cache by address answers almost every call without
    // hashing the name.
    struct Slot {
        const char* data = nullptr;
        std::size_t size = 0;
        TSFieldId id = 0;
    };
    thread_local std::array<Slot, 64> recent{};
    Slot& slot = recent[(reinterpret_cast<std::uintptr_t>(field.data()) >> 2) % recent.size()];
    if (slot.data == field.data() && slot.size == field.size()) {
        return slot.id;
    }
    static const std::unordered_map<std::string_view, TSFieldId> ids = [] {
        std::unordered_map<std::string_view, TSFieldId> table;
        const TSLanguage* language = tree_sitter_python();
        const uint32_t count = ts_language_field_count(language);
        for (TSFieldId id = 1; id <= count; ++id) {
            if (const char* name = ts_language_field_name_for_id(language, id)) {
                table.emplace(name, id); // the grammar's static strings
            }
        }
        return table;
    }();
    const auto it = ids.find(field);
    const TSFieldId id = it == ids.end() ? TSFieldId{0} : it->second;
    slot = Slot{field.data(), field.size(), id};
    return id;
}

std::optional<PlainString> plain_string(TSNode string, std::string_view source) {
    if (ts_node_is_null(string) || ts_node_has_error(string)) {
        return std::nullopt;
    }
    const std::string_view text = node_text(string, source);
    std::size_t quote_at = 0;
    while (quote_at < text.size() && std::isalpha(static_cast<unsigned char>(text[quote_at]))) {
        if (text[quote_at] == 'f' || text[quote_at] == 'F') {
            return std::nullopt;
        }
        ++quote_at;
    }
    if (quote_at == text.size() || (text[quote_at] != '"' && text[quote_at] != '\'')) {
        return std::nullopt;
    }
    const char quote = text[quote_at];
    const std::string_view rest = text.substr(quote_at);
    const std::string triple(3, quote);
    const std::size_t quotes =
        rest.size() >= 6 && rest.starts_with(triple) && rest.ends_with(triple) ? 3 : 1;
    if (rest.size() < 2 * quotes || rest.back() != quote) {
        return std::nullopt;
    }
    const std::string_view body = rest.substr(quotes, rest.size() - 2 * quotes);
    // A closing quote after an odd run of backslashes is escaped: the string is unterminated.
    std::size_t backslashes = 0;
    while (backslashes < body.size() && body[body.size() - 1 - backslashes] == '\\') {
        ++backslashes;
    }
    if (backslashes % 2 == 1) {
        return std::nullopt;
    }
    return PlainString{text.substr(0, quote_at), body};
}

bool has_interpolation(TSNode string, std::string_view source) {
    if (plain_string(string, source)) {
        return false; // not an f-string
    }
    const uint32_t count = named_child_count(string);
    for (uint32_t i = 0; i < count; ++i) {
        if (node_type(named_child(string, i)) == "interpolation") {
            return true;
        }
    }
    return false;
}

std::vector<TSNode> ancestors_below(TSNode ancestor, TSNode node) {
    std::vector<TSNode> path;
    for (TSNode current = parent(node); !ts_node_is_null(current); current = parent(current)) {
        path.push_back(current);
        if (ts_node_eq(current, ancestor)) {
            std::reverse(path.begin(), path.end());
            return path;
        }
    }
    return {};
}

std::size_t visit_every_node(TSNode root) {
    if (ts_node_is_null(root)) {
        return 0;
    }
    TreeCursor cursor(root);
    std::size_t named = 0;
    for (;;) {
        named += symbol_traits(ts_node_symbol(ts_tree_cursor_current_node(cursor.get()))).named;
        if (ts_tree_cursor_goto_first_child(cursor.get())) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(cursor.get())) {
            if (!ts_tree_cursor_goto_parent(cursor.get())) {
                return named;
            }
        }
    }
}

std::string tree_sexp(const TSTree* tree) {
    const std::unique_ptr<char, decltype(&std::free)> text(ts_node_string(ts_tree_root_node(tree)),
                                                           &std::free);
    return text ? std::string(text.get()) : std::string();
}

bool too_deeply_nested(std::string_view text) {
    std::size_t opening = 0;
    for (const char c : text) {
        opening += c == '(' || c == '[' || c == '{';
    }
    if (opening <= max_bracket_depth) {
        return false;
    }
    // A rough tokenizer: code, strings (with their prefix, one or three quotes, escapes) and the
    // interpolations of f-strings, which are code again and may hold strings of the same quote
    // (f"{'"'}"). The stack holds no more than two entries per counted level.
    struct Context {
        char quote = 0;             // a string's quote; 0 for code
        bool triple = false;        // a string of three quotes
        bool f = false;             // an f-string: '{' opens an interpolation
        bool interpolation = false; // code inside an f-string's braces
        std::size_t braces = 0;     // '{' open in that code
    };
    std::vector<Context> stack(1); // the module's code
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        Context& top = stack.back();
        if (top.quote != 0) {
            if (c == '\\') {
                ++i;
            } else if (c == '\n' && !top.triple) {
                stack.pop_back(); // unterminated
            } else if (c == top.quote && (!top.triple || (i + 2 < text.size() && text[i + 1] == c &&
                                                          text[i + 2] == c))) {
                i += top.triple ? 2 : 0;
                stack.pop_back();
            } else if (top.f && c == '{') {
                if (i + 1 < text.size() && text[i + 1] == '{') {
                    ++i; // a literal brace
                } else {
                    stack.push_back(Context{.interpolation = true});
                    if (++depth > max_bracket_depth) {
                        return true;
                    }
                }
            }
            continue;
        }
        if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n') {
                ++i;
            }
        } else if (c == '"' || c == '\'') {
            // The prefix: the letters just before the quote, if all of them can be one.
            std::size_t start = i;
            while (start > 0 && std::isalpha(static_cast<unsigned char>(text[start - 1]))) {
                --start;
            }
            const std::string_view prefix = text.substr(start, i - start);
            const bool is_prefix = prefix.find_first_not_of("rRbBfFuU") == std::string_view::npos;
            const bool triple = i + 2 < text.size() && text[i + 1] == c && text[i + 2] == c;
            stack.push_back(
                Context{.quote = c,
                        .triple = triple,
                        .f = is_prefix && prefix.find_first_of("fF") != std::string_view::npos});
            i += triple ? 2 : 0;
        } else if (c == '(' || c == '[' || c == '{') {
            top.braces += top.interpolation && c == '{';
            if (++depth > max_bracket_depth) {
                return true;
            }
        } else if (c == ')' || c == ']' || c == '}') {
            depth -= depth > 0 ? 1 : 0;
            if (top.interpolation && c == '}') {
                if (top.braces == 0) {
                    stack.pop_back(); // back in the f-string
                } else {
                    --top.braces;
                }
            }
        }
    }
    return false;
}

TreePtr parse_python(TSParser* parser, std::string_view text) {
    if (too_deeply_nested(text)) {
        text = {};
    }
    return TreePtr(
        ts_parser_parse_string(parser, nullptr, text.data(), static_cast<uint32_t>(text.size())));
}

TSPoint point_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t last_newline = before.rfind('\n');
    const auto row = static_cast<uint32_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t column =
        last_newline == std::string_view::npos ? offset : offset - last_newline - 1;
    return TSPoint{row, static_cast<uint32_t>(column)};
}

SourceFile::SourceFile(std::string text) : text_(std::move(text)), parser_(make_python_parser()) {
    reparse(nullptr);
}

void SourceFile::reparse(const TSTree* old_tree) {
    if (too_deeply_nested(text_)) {
        unparsed_ = true;
        tree_ = parse_python(parser_.get(), {});
        return;
    }
    if (unparsed_) {
        old_tree = nullptr; // the empty module stood for another text
        unparsed_ = false;
    }
    TreePtr fresh(ts_parser_parse_string(parser_.get(), old_tree, text_.data(),
                                         static_cast<uint32_t>(text_.size())));
    if (!fresh) {
        // Only a timeout or cancellation makes tree-sitter return NULL; we set neither, but keep
        // a valid tree regardless.
        ts_parser_reset(parser_.get());
        fresh = parse_python(parser_.get(), text_);
    }
    tree_ = std::move(fresh);
}

void SourceFile::edit(std::size_t start, std::size_t end, std::string_view replacement) {
    start = std::min(start, text_.size());
    end = std::clamp(end, start, text_.size());

    TSInputEdit input_edit{};
    input_edit.start_byte = static_cast<uint32_t>(start);
    input_edit.old_end_byte = static_cast<uint32_t>(end);
    input_edit.new_end_byte = static_cast<uint32_t>(start + replacement.size());
    // Points are computed in the old text for start and old end, in the new text for the new end.
    input_edit.start_point = point_at(text_, start);
    input_edit.old_end_point = point_at(text_, end);

    text_.replace(start, end - start, replacement);
    input_edit.new_end_point = point_at(text_, start + replacement.size());

    if (!unparsed_) {
        ts_tree_edit(tree_.get(), &input_edit);
    }
    reparse(tree_.get());
}

void SourceFile::replace(std::string text) {
    text_ = std::move(text);
    reparse(nullptr);
}

Snapshot SourceFile::snapshot() const {
    return Snapshot{text_, copy_tree(tree_.get())};
}

} // namespace vigil::syntax

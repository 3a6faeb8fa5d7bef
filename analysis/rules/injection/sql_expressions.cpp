// B608: an SQL statement built from strings with non-constant parts.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/sql_text.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"binary_operator", "call", "string", "concatenated_string"};

constexpr char hole = sql::hole;

struct Built {
    std::string text;
    bool dynamic = false; // some part is not a constant
};

std::string_view operator_of(const SemanticModel& model, TSNode binary) {
    return model.text(syntax::child_by_field(binary, "operator"));
}

// "format", "replace" or "join" when `call` calls that method on a string; empty otherwise.
std::string_view string_method(const SemanticModel& model, TSNode call) {
    const TSNode callee = syntax::child_by_field(call, "function");
    if (model.method_name(callee).empty()) {
        return {};
    }
    const std::string_view method = model.method_name(callee);
    if (method != "format" && method != "replace" && method != "join") {
        return {};
    }
    const TSNode object = syntax::unparenthesized(syntax::child_by_field(callee, "object"));
    const std::string_view type = syntax::node_type(object);
    if (type == "string" || type == "concatenated_string" || model.string_value(object)) {
        return method;
    }
    return {};
}

bool arguments_constant(const SemanticModel& model, const CallView& view) {
    if (view.has_star_args || view.has_star_kwargs) {
        return false;
    }
    for (TSNode argument : view.positional) {
        if (!model.is_literal(argument) && !model.string_value(argument)) {
            return false;
        }
    }
    for (const auto& [name, value] : view.keywords) {
        if (!model.is_literal(value) && !model.string_value(value)) {
            return false;
        }
    }
    return true;
}

Built build(const SemanticModel& model, TSNode node);

// A plain string's body with its escapes read as string_parts reads them from the parts (a raw
// string has no escapes): the common strings need no visit of their parts.
std::string decoded_body(const syntax::PlainString& plain) {
    if (plain.body.find('\\') == std::string_view::npos || plain.is_raw()) {
        return std::string(plain.body);
    }
    std::string text;
    text.reserve(plain.body.size());
    for (std::size_t i = 0; i < plain.body.size(); ++i) {
        const char c = plain.body[i];
        const char next = i + 1 < plain.body.size() ? plain.body[i + 1] : '\0';
        if (c != '\\') {
            text += c;
        } else if (next == 'n' || next == 't' || next == 'r') {
            text += ' ';
            ++i;
        } else if (next == '\'' || next == '"' || next == '\\') {
            text += next;
            ++i;
        } else {
            text += c; // a longer escape (\x41, \N{...}) or none: as written
        }
    }
    return text;
}

Built string_parts(const SemanticModel& model, TSNode string) {
    if (const auto plain = syntax::plain_string(string, model.text())) {
        return {decoded_body(*plain), false}; // one constant part
    }
    Built built;
    for (uint32_t i = 0; i < syntax::child_count(string); ++i) {
        const TSNode part = syntax::child(string, i);
        const std::string_view type = syntax::node_type(part);
        if (type == "string_content") {
            // Escapes as the characters they stand for, where it matters to the tokens: line
            // breaks and tabs are spaces, escaped quotes and backslashes are themselves.
            std::size_t at = ts_node_start_byte(part);
            for (uint32_t k = 0; k < syntax::named_child_count(part); ++k) {
                const TSNode escape = syntax::named_child(part, k);
                built.text += model.text().substr(at, ts_node_start_byte(escape) - at);
                const std::string_view written = model.text(escape);
                const char c = written.size() == 2 ? written[1] : '\0';
                if (c == 'n' || c == 't' || c == 'r') {
                    built.text += ' ';
                } else if (c == '\'' || c == '"' || c == '\\') {
                    built.text += c;
                } else {
                    built.text += written;
                }
                at = ts_node_end_byte(escape);
            }
            built.text += model.text().substr(at, ts_node_end_byte(part) - at);
        } else if (type == "interpolation") {
            built.text += hole;
            built.dynamic = true;
        }
    }
    return built;
}

Built build(const SemanticModel& model, TSNode node) {
    const std::string_view type = syntax::node_type(node);
    if (type == "parenthesized_expression") {
        return build(model, syntax::named_child(node, 0));
    }
    if (type == "string") {
        return string_parts(model, node);
    }
    if (type == "concatenated_string") {
        Built built;
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            const Built part = string_parts(model, syntax::named_child(node, i));
            built.text += part.text;
            built.dynamic = built.dynamic || part.dynamic;
        }
        return built;
    }
    if (type == "binary_operator") {
        const std::string_view op = operator_of(model, node);
        if (op == "+") {
            // Long `a + b + c + ...` chains nest to the left as deep as they are long: walk them
            // with a stack of our own.
            Built built;
            std::vector<TSNode> pending = {node};
            while (!pending.empty()) {
                TSNode current = pending.back();
                pending.pop_back();
                while (syntax::node_type(current) == "parenthesized_expression" &&
                       syntax::named_child_count(current) == 1) {
                    current = syntax::named_child(current, 0);
                }
                if (syntax::node_type(current) == "binary_operator" &&
                    operator_of(model, current) == "+") {
                    pending.push_back(syntax::child_by_field(current, "right"));
                    pending.push_back(syntax::child_by_field(current, "left"));
                    continue;
                }
                const Built part = build(model, current);
                built.text += part.text;
                built.dynamic = built.dynamic || part.dynamic;
            }
            return built;
        }
        Built left = build(model, syntax::child_by_field(node, "left"));
        const TSNode right_node = syntax::child_by_field(node, "right");
        if (op == "%") {
            left.dynamic =
                left.dynamic || (!model.is_literal(right_node) && !model.string_value(right_node));
            return left;
        }
    }
    if (type == "call") {
        const std::string_view method = string_method(model, node);
        if (!method.empty()) {
            const CallView& view = model.call(node);
            Built object = build(model, view.receiver);
            if (method != "join") {
                object.dynamic = object.dynamic || !arguments_constant(model, view);
                return object;
            }
            const TSNode items = view.argument(0);
            const std::string_view items_type = syntax::node_type(items);
            if (ts_node_is_null(items) || (items_type != "list" && items_type != "tuple")) {
                return {std::string(1, hole), true};
            }
            Built joined;
            for (uint32_t i = 0; i < syntax::named_child_count(items); ++i) {
                const Built item = build(model, syntax::named_child(items, i));
                joined.text += (i ? object.text : std::string()) + item.text;
                joined.dynamic = joined.dynamic || item.dynamic;
            }
            return joined;
        }
    }
    if (const auto value = model.string_value(node)) {
        return {*value, false};
    }
    return {std::string(1, hole), true};
}

// Whether the next token after `node` is `+` or `%` (not `+=`, `%=`): then `node` is the left
// operand of that operation, part of its text.
bool followed_by_operator(const SemanticModel& model, TSNode node) {
    const std::string_view text = model.text();
    std::size_t at = ts_node_end_byte(node);
    while (at < text.size()) {
        const char c = text[at];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\\' || c == '\f') {
            ++at;
        } else if (c == '#') {
            at = text.find('\n', at);
        } else {
            return (c == '+' || c == '%') && (at + 1 >= text.size() || text[at + 1] != '=');
        }
    }
    return false;
}

// Whether `node` is part of the text of an enclosing string-building expression (which then
// reports instead).
bool part_of_larger(const SemanticModel& model, TSNode node) {
    TSNode child = node;
    TSNode parent = syntax::parent(node);
    while (!ts_node_is_null(parent) && syntax::node_type(parent) == "parenthesized_expression") {
        child = parent;
        parent = syntax::parent(parent);
    }
    if (ts_node_is_null(parent)) {
        return false;
    }
    const std::string_view type = syntax::node_type(parent);
    if (type == "binary_operator") {
        const std::string_view op = operator_of(model, parent);
        return op == "+" ||
               (op == "%" && ts_node_eq(syntax::child_by_field(parent, "left"), child));
    }
    if (type == "concatenated_string") {
        return true;
    }
    if (type == "attribute") {
        const TSNode call = syntax::parent(parent);
        return ts_node_eq(syntax::child_by_field(parent, "object"), child) &&
               !ts_node_is_null(call) && syntax::node_type(call) == "call" &&
               ts_node_eq(syntax::child_by_field(call, "function"), parent) &&
               !string_method(model, call).empty();
    }
    if (type == "list" || type == "tuple") {
        const TSNode arguments = syntax::parent(parent);
        const TSNode call = ts_node_is_null(arguments) ? arguments : syntax::parent(arguments);
        return !ts_node_is_null(call) && syntax::node_type(call) == "call" &&
               string_method(model, call) == "join";
    }
    return false;
}

// How the string was built, for the message.
std::string_view construction(const SemanticModel& model, TSNode node) {
    const std::string_view type = syntax::node_type(node);
    if (type == "binary_operator") {
        return operator_of(model, node) == "%" ? "%-formatting" : "concatenation";
    }
    if (type == "call") {
        const std::string_view method = string_method(model, node);
        return method == "format" ? "str.format" : method == "join" ? "str.join" : "str.replace";
    }
    return "an f-string";
}

// Bandit's MEDIUM confidence: the built string is passed straight to execute().
bool passed_to_execute(const SemanticModel& model, TSNode node) {
    TSNode parent = syntax::parent(node);
    while (!ts_node_is_null(parent) && syntax::node_type(parent) == "parenthesized_expression") {
        parent = syntax::parent(parent);
    }
    if (ts_node_is_null(parent) || syntax::node_type(parent) != "argument_list") {
        return false;
    }
    // An argument_list is a class's bases too (`class Q("..." % t):`): no call, no callee.
    const TSNode call = syntax::parent(parent);
    if (ts_node_is_null(call) || syntax::node_type(call) != "call") {
        return false;
    }
    const TSNode callee = syntax::child_by_field(call, "function");
    const std::string_view type = syntax::node_type(callee);
    const TSNode name = type == "attribute" ? syntax::child_by_field(callee, "attribute") : callee;
    const std::string_view function = model.text(name);
    return function == "execute" || function == "executemany" || function == "executescript";
}

// Or assigned to a name that is then passed to execute() (`query = ...; cursor.execute(query)`),
// which Bandit leaves at LOW.
bool reaches_execute(const SemanticModel& model, TSNode node) {
    if (passed_to_execute(model, node)) {
        return true;
    }
    TSNode parent = syntax::parent(node);
    while (!ts_node_is_null(parent) && syntax::node_type(parent) == "parenthesized_expression") {
        parent = syntax::parent(parent);
    }
    if (ts_node_is_null(parent) || syntax::node_type(parent) != "assignment") {
        return false;
    }
    const TSNode target = syntax::child_by_field(parent, "left");
    if (syntax::node_type(target) != "identifier") {
        return false;
    }
    const Binding* binding = model.resolve(target);
    if (!binding) {
        return false;
    }
    return std::any_of(binding->uses.begin(), binding->uses.end(),
                       [&](TSNode use) { return passed_to_execute(model, use); });
}

// ---- The fix: pass the values as parameters of execute() ----

// Turns the SQL text of one literal into a parameterised one: every placeholder (given as the
// `holes` byte ranges inside `content`, in order) becomes `marker`, a placeholder quoted as
// '...' loses its quotes, and literal '%' is doubled for the "format" paramstyle. nullopt when a
// placeholder is quoted together with other text ('%s%', "x{y}").
std::optional<std::string>
parameterised(std::string_view content,
              const std::vector<std::pair<std::size_t, std::size_t>>& holes,
              std::string_view marker, bool escape_percent) {
    std::string out;
    std::size_t at = 0;
    for (const auto& [begin, end] : holes) {
        std::string_view before = content.substr(at, begin - at);
        // The quotes around a placeholder ('%s', or \'%s\' inside a '...' literal).
        auto is_quote = [](char c) { return c == '\'' || c == '"'; };
        const bool quote_before = begin > at && is_quote(content[begin - 1]);
        const std::size_t before_width =
            quote_before && begin >= at + 2 && content[begin - 2] == '\\' ? 2 : quote_before;
        std::size_t after_width = 0;
        char close = '\0';
        if (end < content.size() && is_quote(content[end])) {
            after_width = 1;
            close = content[end];
        } else if (end + 1 < content.size() && content[end] == '\\' && is_quote(content[end + 1])) {
            after_width = 2;
            close = content[end + 1];
        }
        if (quote_before != (after_width > 0) || (quote_before && content[begin - 1] != close) ||
            (quote_before && before_width != after_width)) {
            return std::nullopt;
        }
        before.remove_suffix(before_width);
        if (!sql::value_position(content.substr(0, begin - before_width))) {
            return std::nullopt;
        }
        for (char c : before) {
            out += c;
            if (escape_percent && c == '%') {
                out += '%';
            }
        }
        out += marker;
        at = end + after_width;
    }
    for (char c : content.substr(at)) {
        out += c;
        if (escape_percent && c == '%') {
            out += '%';
        }
    }
    return out;
}

// A query as one literal's text with the places where values enter it.
struct Template {
    std::string start;   // the literal's opening ("'", "r\"\"\"", ...), without any f
    std::string end;     // its closing quotes
    std::string content; // its text as written, '%%' already read as '%' for %-formatting
    std::vector<std::pair<std::size_t, std::size_t>> holes; // placeholders in `content`
    std::vector<std::string> values;                        // the expression for each
};

// The text of a literal between its quotes, as written.
std::string_view content_of(const SemanticModel& model, TSNode literal) {
    const uint32_t count = syntax::child_count(literal);
    const std::size_t begin = ts_node_end_byte(syntax::child(literal, 0));
    const std::size_t end = ts_node_start_byte(syntax::child(literal, count - 1));
    return model.text().substr(begin, end - begin);
}

bool plain_literal(const SemanticModel& model, TSNode node) {
    return syntax::node_type(node) == "string" && !syntax::has_interpolation(node, model.text()) &&
           syntax::child_count(node) >= 2;
}

std::string_view quotes_of(const SemanticModel& model, TSNode literal, bool closing) {
    return model.text(syntax::child(literal, closing ? syntax::child_count(literal) - 1 : 0));
}

// "... %s ..." % (a, b)
std::optional<Template> percent_template(const SemanticModel& model, TSNode node) {
    const TSNode string = syntax::child_by_field(node, "left");
    const TSNode right = syntax::child_by_field(node, "right");
    if (!plain_literal(model, string) || syntax::node_type(right) == "dictionary") {
        return std::nullopt;
    }
    Template query{std::string(quotes_of(model, string, false)),
                   std::string(quotes_of(model, string, true)),
                   {},
                   {},
                   {}};
    const std::string_view written = content_of(model, string);
    for (std::size_t i = 0; i < written.size(); ++i) {
        if (written[i] != '%') {
            query.content += written[i];
        } else if (i + 1 < written.size() && written[i + 1] == '%') {
            query.content += '%';
            ++i;
        } else if (i + 1 < written.size() && written[i + 1] == 's') {
            query.holes.emplace_back(query.content.size(), query.content.size() + 2);
            query.content += "%s";
            ++i;
        } else {
            return std::nullopt; // %d, %(name)s, ...
        }
    }
    if (syntax::node_type(right) == "tuple") {
        for (uint32_t i = 0; i < syntax::named_child_count(right); ++i) {
            query.values.emplace_back(model.text(syntax::named_child(right, i)));
        }
    } else {
        query.values.emplace_back(model.text(right));
    }
    return query;
}

// f"... {a} ..."
std::optional<Template> fstring_template(const SemanticModel& model, TSNode node) {
    Template query{std::string(quotes_of(model, node, false)),
                   std::string(quotes_of(model, node, true)),
                   {},
                   {},
                   {}};
    std::erase_if(query.start, [](char c) { return c == 'f' || c == 'F'; });
    const std::size_t base = ts_node_end_byte(syntax::child(node, 0));
    query.content = content_of(model, node);
    for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
        const TSNode part = syntax::named_child(node, i);
        const std::string_view type = syntax::node_type(part);
        if (type == "interpolation") {
            if (syntax::named_child_count(part) != 1) {
                return std::nullopt; // {x!r}, {x:>10}
            }
            query.values.emplace_back(model.text(syntax::named_child(part, 0)));
            query.holes.emplace_back(ts_node_start_byte(part) - base,
                                     ts_node_end_byte(part) - base);
        } else if (type == "string_content" &&
                   (model.text(part).find("{{") != std::string_view::npos ||
                    model.text(part).find("}}") != std::string_view::npos)) {
            return std::nullopt;
        }
    }
    return query;
}

// "... {} ... {name} ...".format(a, name=b)
std::optional<Template> format_template(const SemanticModel& model, TSNode node) {
    const CallView& view = model.call(node);
    const TSNode string = view.receiver;
    if (!plain_literal(model, string) || view.has_star_args || view.has_star_kwargs) {
        return std::nullopt;
    }
    Template query{std::string(quotes_of(model, string, false)),
                   std::string(quotes_of(model, string, true)),
                   std::string(content_of(model, string)),
                   {},
                   {}};
    std::size_t automatic = 0;
    for (std::size_t i = 0; i < query.content.size(); ++i) {
        const char c = query.content[i];
        if (c == '}') {
            return std::nullopt; // "}}"
        }
        if (c != '{') {
            continue;
        }
        const std::size_t close = query.content.find('}', i);
        if (close == std::string::npos) {
            return std::nullopt;
        }
        const std::string field = query.content.substr(i + 1, close - i - 1);
        TSNode value;
        if (field.empty()) {
            value = view.argument(automatic++);
        } else if (std::all_of(field.begin(), field.end(),
                               [](unsigned char d) { return std::isdigit(d); })) {
            value = view.argument(static_cast<std::size_t>(std::stoul(field)));
        } else {
            value = view.keyword(field); // null for "{x.y}", "{x!r}", "{{" and the like
        }
        if (ts_node_is_null(value)) {
            return std::nullopt;
        }
        query.values.emplace_back(model.text(value));
        query.holes.emplace_back(i, close + 1);
        i = close;
    }
    return query;
}

// "... '" + a + "' ..."
std::optional<Template> concatenation_template(const SemanticModel& model, TSNode node) {
    std::optional<Template> query;
    std::vector<TSNode> pending = {node};
    std::vector<TSNode> operands;
    while (!pending.empty()) {
        const TSNode current = syntax::unparenthesized(pending.back());
        pending.pop_back();
        if (syntax::node_type(current) == "binary_operator" && operator_of(model, current) == "+") {
            pending.push_back(syntax::child_by_field(current, "right"));
            pending.push_back(syntax::child_by_field(current, "left"));
        } else {
            operands.push_back(current);
        }
    }
    for (TSNode operand : operands) {
        if (plain_literal(model, operand)) {
            const std::string_view start = quotes_of(model, operand, false);
            if (!query) {
                query = Template{
                    std::string(start), std::string(quotes_of(model, operand, true)), {}, {}, {}};
            } else if (start != query->start) {
                return std::nullopt; // 'a' + "b": the quotes inside would clash
            }
            query->content += content_of(model, operand);
        } else if (syntax::node_type(operand) == "string" || !query) {
            return std::nullopt; // an f-string, or no literal first
        } else {
            query->holes.emplace_back(query->content.size(), query->content.size());
            query->values.emplace_back(model.text(operand));
        }
    }
    return query;
}

// cursor.execute(<a query built from values>) -> cursor.execute("... %s ...", (values,)), with
// "?" where the file uses sqlite3. Unsafe: the placeholder style depends on the driver.
std::optional<Fix> parameters_fix(const SemanticModel& model, TSNode node) {
    const TSNode arguments = syntax::parent(node);
    if (ts_node_has_error(node) || ts_node_is_null(arguments) ||
        syntax::node_type(arguments) != "argument_list" ||
        syntax::named_child_count(arguments) != 1 ||
        syntax::node_type(syntax::parent(arguments)) != "call") { // not for a class's bases
        return std::nullopt;
    }
    const TSNode callee = syntax::child_by_field(syntax::parent(arguments), "function");
    if (model.method_name(callee) != "execute") {
        return std::nullopt;
    }
    std::optional<Template> query;
    const std::string_view type = syntax::node_type(node);
    if (type == "binary_operator") {
        query = operator_of(model, node) == "%" ? percent_template(model, node)
                                                : concatenation_template(model, node);
    } else if (type == "string") {
        query = fstring_template(model, node);
    } else if (type == "call" && string_method(model, node) == "format") {
        query = format_template(model, node);
    }
    if (!query || query->values.empty() || query->values.size() != query->holes.size()) {
        return std::nullopt;
    }
    std::size_t previous = 0; // placeholders in order, inside the text (a broken literal may not)
    for (const auto& [begin, end] : query->holes) {
        if (begin < previous || end < begin || end > query->content.size()) {
            return std::nullopt;
        }
        previous = end;
    }
    const bool sqlite = model.imports_module("sqlite3");
    const auto text = parameterised(query->content, query->holes, sqlite ? "?" : "%s", !sqlite);
    if (!text) {
        return std::nullopt;
    }
    std::string params = "(";
    for (std::size_t i = 0; i < query->values.size(); ++i) {
        params += (i ? ", " : "") + query->values[i];
    }
    params += query->values.size() == 1 ? ",)" : ")";
    return Fix{.title = "Pass the values as query parameters",
               .applicability = Applicability::Unsafe,
               .edits = {replace_node(node, query->start + *text + query->end + ", " + params)}};
}

void check(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::string_view type = syntax::node_type(node);
    if (type == "binary_operator") {
        const std::string_view op = operator_of(model, node);
        if (op != "+" && op != "%") {
            return;
        }
    } else if (type == "call") {
        if (string_method(model, node).empty()) {
            return;
        }
    } else if (type == "string") {
        if (!syntax::has_interpolation(node, model.text())) {
            return;
        }
    }
    // The left operand of a `+` or `%` is built by the operation (and the deep left spines of
    // long chains are skipped in constant time).
    if (followed_by_operator(model, node)) {
        return;
    }
    // Cheapest tests first: most string building is not SQL, and finding a parent is slow.
    const Built built = build(model, node);
    if (!built.dynamic || !sql::mentions_statement(built.text) || part_of_larger(model, node) ||
        !sql::looks_like_sql(built.text)) {
        return;
    }
    const bool replace = type == "call" && string_method(model, node) == "replace";
    std::vector<Fix> fixes;
    if (auto fix = parameters_fix(model, node)) {
        fixes.push_back(std::move(*fix));
    }
    context.report(
        node, {.message = "Possible SQL injection vector through string-based query "
                          "construction (" +
                          std::string(construction(model, node)) + ").",
               .confidence = reaches_execute(model, node) && !replace ? Level::Medium : Level::Low,
               .fixes = std::move(fixes)});
}

} // namespace

extern const Rule sql_expressions{
    {
        .code = "B608",
        .name = "hardcoded-sql-expression",
        .bandit_name = "hardcoded_sql_expressions",
        .ruff_code = "S608",
        .cwe = 89,
        .severity = Level::Medium,
        .confidence = Level::Low,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags SQL statements (`SELECT ... FROM`, `INSERT INTO`, `UPDATE ... "
                        "SET`, `DELETE FROM`) built from strings with a non-constant part: "
                        "`%`-formatting, `str.format`, f-strings, `+` and `str.join`. Confidence "
                        "is MEDIUM when the string goes into `execute()` (directly or through the "
                        "name it is assigned to), LOW otherwise.",
                .why = "Values pasted into SQL text are read as SQL: a name like `x' OR '1'='1` "
                       "changes what the statement does, and can read or destroy any data the "
                       "connection can reach.",
                .example = "```python\ncursor.execute(f\"SELECT * FROM users WHERE name = "
                           "'{name}'\")\n```",
                .use_instead = "Pass values as parameters, in the driver's placeholder "
                               "style:\n\n```python\ncursor.execute(\"SELECT * FROM users WHERE "
                               "name = %s\", (name,))\n```\n\nTable and column names cannot be "
                               "parameters: choose them from a fixed set.\n\nFor a query "
                               "built with `%`, an f-string, `str.format` or `+` inside "
                               "`cursor.execute(...)`, "
                               "where every placeholder stands for a value, a quick fix moves "
                               "the values into parameters (`%s`, or `?` in a file using "
                               "`sqlite3`); it is unsafe because the placeholder style depends "
                               "on the driver.",
                .references = "- https://peps.python.org/pep-0249/#paramstyle\n"
                              "- https://owasp.org/www-community/attacks/SQL_Injection\n"
                              "- https://cwe.mitre.org/data/definitions/89.html",
                .vs_bandit =
                    "Bandit runs a loose regex (`select\\s.*from\\s`, ...) anywhere in the "
                    "text, so prose and log messages (\"Please select one from {x}\", "
                    "\"Select a file to update\") are flagged. Vigil needs SQL structure: the "
                    "keyword where a statement begins, then a table after `FROM`/`INTO`/"
                    "`UPDATE` followed by a clause or the end, a column and `=` after `SET`, "
                    "no English articles or pronouns in the column list or as the table, and "
                    "no sentence case mismatch (`Select ... from`). It flags only strings "
                    "with a non-constant part (`\"SELECT ...\" % (1,)` is not), sees "
                    "`str.join` of a literal list, which Bandit misses, and sees names bound "
                    "once to string constants as constants. A query assigned to a name and "
                    "then passed to `execute()` gets MEDIUM confidence, as a direct argument "
                    "does (Bandit: LOW).",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

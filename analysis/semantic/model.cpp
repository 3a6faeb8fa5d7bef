#include "analysis/semantic/model.hpp"

#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cstring>

namespace vigil::analysis {

namespace {

using syntax::child_by_field;
using syntax::node_type;

std::uintptr_t node_key(TSNode node) {
    return reinterpret_cast<std::uintptr_t>(node.id);
}

// What the build walk does with a node, by symbol: comparing symbols is much cheaper than
// comparing type names, and this walk visits every node of every file.
enum class WalkKind : std::uint8_t {
    Other,
    Identifier,
    Import,
    Assignment,
    AugmentedAssignment,
    ForTarget,
    AsPattern,
    NamedExpression,
    GlobalOrNonlocal,
    Function,
    Class,
    Lambda,
    NotARead, // parents whose identifier children are names, not reads
    String,
};

struct WalkTable {
    std::vector<WalkKind> by_symbol;
    TSFieldId attribute = 0, name = 0, alias = 0, left = 0;

    WalkKind kind(TSSymbol symbol) const {
        return symbol < by_symbol.size() ? by_symbol[symbol] : WalkKind::Other;
    }

    WalkTable() {
        const TSLanguage* language = tree_sitter_python();
        by_symbol.assign(ts_language_symbol_count(language), WalkKind::Other);
        const std::pair<std::string_view, WalkKind> kinds[] = {
            {"identifier", WalkKind::Identifier},
            {"import_statement", WalkKind::Import},
            {"import_from_statement", WalkKind::Import},
            {"assignment", WalkKind::Assignment},
            {"augmented_assignment", WalkKind::AugmentedAssignment},
            {"for_statement", WalkKind::ForTarget},
            {"for_in_clause", WalkKind::ForTarget},
            {"as_pattern", WalkKind::AsPattern},
            {"named_expression", WalkKind::NamedExpression},
            {"global_statement", WalkKind::GlobalOrNonlocal},
            {"nonlocal_statement", WalkKind::GlobalOrNonlocal},
            {"function_definition", WalkKind::Function},
            {"class_definition", WalkKind::Class},
            {"lambda", WalkKind::Lambda},
            {"dotted_name", WalkKind::NotARead},
            {"parameters", WalkKind::NotARead},
            {"keyword_argument", WalkKind::NotARead},
            {"lambda_parameters", WalkKind::NotARead},
            {"string", WalkKind::String},
        };
        // A type may have several symbols (aliases): give each the kind of its name.
        for (TSSymbol symbol = 0; symbol < by_symbol.size(); ++symbol) {
            const std::string_view symbol_name = ts_language_symbol_name(language, symbol);
            for (const auto& [type, kind] : kinds) {
                if (symbol_name == type &&
                    ts_language_symbol_type(language, symbol) == TSSymbolTypeRegular) {
                    by_symbol[symbol] = kind;
                }
            }
        }
        auto field = [&](std::string_view field_name) {
            return ts_language_field_id_for_name(language, field_name.data(),
                                                 static_cast<uint32_t>(field_name.size()));
        };
        attribute = field("attribute");
        name = field("name");
        alias = field("alias");
        left = field("left");
    }
};

// Whether a string literal has an f prefix (f"", rf'', ...), so may hold interpolations.
bool is_format_string_prefix(std::string_view literal) {
    for (const char c : literal) {
        if (c == 'f' || c == 'F') {
            return true;
        }
        if (c == '"' || c == '\'') {
            return false;
        }
    }
    return false;
}

const WalkTable& walk_table() {
    static const WalkTable table;
    return table;
}

// Each named child of `node`, in order.
template <typename F> void for_each_named_child(TSNode node, F&& f) {
    const uint32_t count = syntax::named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
        f(syntax::named_child(node, i));
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------
// CallView

TSNode CallView::keyword(std::string_view name) const {
    for (const auto& [keyword_name, value] : keywords) {
        if (keyword_name == name) {
            return value;
        }
    }
    return TSNode{};
}

TSNode CallView::argument(std::size_t index) const {
    return index < positional.size() ? positional[index] : TSNode{};
}

TSNode CallView::argument(std::size_t index, std::string_view name) const {
    const TSNode by_keyword = keyword(name);
    return ts_node_is_null(by_keyword) ? argument(index) : by_keyword;
}

// ---------------------------------------------------------------------------------------------
// Building

SemanticModel::SemanticModel(std::string_view text, TSNode root,
                             std::span<const std::uint8_t> collect)
    : text_(text) {
    build(root, collect);
}

std::string_view SemanticModel::text(TSNode node) const {
    return syntax::node_text(node, text_);
}

void SemanticModel::bind(std::size_t scope, std::string_view name, Binding::Kind kind,
                         TSNode definition, TSNode value, std::string qualified) {
    if (name.empty()) {
        return;
    }
    Binding& binding = scopes_[scope].bindings[name];
    ++binding.assignments;
    if (binding.assignments == 1) {
        binding.kind = kind;
        binding.qualified = std::move(qualified);
        binding.definition = definition;
        binding.value = value;
    } else if (binding.kind != kind || kind == Binding::Kind::Import) {
        // Rebound differently: no longer one thing. Keep the first definition for locations.
        binding.kind = Binding::Kind::Other;
        binding.qualified.clear();
        binding.value = TSNode{};
    }
}

void SemanticModel::bind_target(std::size_t scope, TSNode target, TSNode value) {
    const std::string_view type = node_type(target);
    if (type == "identifier") {
        bind(scope, text(target), Binding::Kind::Assignment, target, value);
    } else if (type == "pattern_list" || type == "tuple_pattern" || type == "list_pattern") {
        // Unpacking: each name is bound, but not to a known value.
        for_each_named_child(target,
                             [&](TSNode element) { bind_target(scope, element, TSNode{}); });
    } else if (type == "list_splat_pattern") {
        for_each_named_child(target,
                             [&](TSNode element) { bind_target(scope, element, TSNode{}); });
    }
}

void SemanticModel::bind_import(std::size_t scope, TSNode statement) {
    const std::string_view type = node_type(statement);
    if (type == "import_statement") {
        for_each_named_child(statement, [&](TSNode name) {
            if (node_type(name) == "dotted_name") {
                // `import a.b` binds `a`; `a.b.f` then reads as "a.b.f" through the attribute
                // chain.
                const std::string dotted(text(name));
                imported_modules_.push_back(dotted);
                const TSNode first = syntax::named_child(name, 0);
                bind(scope, text(first), Binding::Kind::Import, name, TSNode{},
                     std::string(text(first)));
            } else if (node_type(name) == "aliased_import") {
                const TSNode module = child_by_field(name, "name");
                const TSNode alias = child_by_field(name, "alias");
                imported_modules_.emplace_back(text(module));
                bind(scope, text(alias), Binding::Kind::Import, name, TSNode{},
                     std::string(text(module)));
            }
        });
        return;
    }
    // import_from_statement: `from m import n [as k]`; relative dots are dropped, as Bandit does.
    const TSNode module_node = child_by_field(statement, "module_name");
    std::string module(text(module_node));
    module.erase(0, module.find_first_not_of('.'));
    if (!module.empty()) {
        imported_modules_.push_back(module);
    }
    const std::string prefix = module.empty() ? std::string() : module + ".";
    syntax::TreeCursor cursor(statement);
    if (ts_tree_cursor_goto_first_child(cursor.get())) {
        do {
            const char* field = ts_tree_cursor_current_field_name(cursor.get());
            if (!field || std::strcmp(field, "name") != 0) {
                continue;
            }
            const TSNode name = ts_tree_cursor_current_node(cursor.get());
            if (node_type(name) == "aliased_import") {
                const TSNode original = child_by_field(name, "name");
                const TSNode alias = child_by_field(name, "alias");
                bind(scope, text(alias), Binding::Kind::Import, name, TSNode{},
                     prefix + std::string(text(original)));
            } else {
                bind(scope, text(name), Binding::Kind::Import, name, TSNode{},
                     prefix + std::string(text(name)));
            }
        } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    }
}

void SemanticModel::bind_parameters(std::size_t scope, TSNode parameters) {
    if (ts_node_is_null(parameters)) {
        return;
    }
    for_each_named_child(parameters, [&](TSNode parameter) {
        const std::string_view type = node_type(parameter);
        TSNode name = parameter;
        if (type == "default_parameter" || type == "typed_default_parameter") {
            name = child_by_field(parameter, "name");
        } else if (type == "typed_parameter" || type == "list_splat_pattern" ||
                   type == "dictionary_splat_pattern") {
            name = syntax::named_child(parameter, 0);
        }
        if (!ts_node_is_null(name) && node_type(name) == "identifier") {
            bind(scope, text(name), Binding::Kind::Parameter, name, TSNode{});
        }
    });
}

void SemanticModel::build(TSNode root, std::span<const std::uint8_t> collect) {
    scopes_.emplace_back(root, SIZE_MAX, false);
    scope_by_node_[node_key(root)] = 0;
    const WalkTable& table = walk_table();

    // The one walk of the tree. A string's parts (quotes, content, escapes) hold nothing the
    // model or a rule reads, unless it is an f-string with interpolations: skip them, strings are
    // a good part of every file's nodes.
    index_ = syntax::NodeIndex(root, [&](const TSNode& node, TSSymbol symbol) {
        return table.kind(symbol) == WalkKind::String && !is_format_string_prefix(text(node));
    });
    const syntax::NodeIndex::Use use_index(index_);

    // The open scopes, with the depth of the node that opened each.
    struct Open {
        std::size_t scope;
        uint32_t depth;
    };
    std::vector<Open> open{{0, 0}};
    const auto& entries = index_.entries();
    std::size_t wanted = 0; // counted first: growing a vector of nodes copies them over and over
    for (const syntax::NodeIndex::Entry& entry : entries) {
        wanted += entry.symbol < collect.size() && collect[entry.symbol] ? 1 : 0;
    }
    collected_.reserve(wanted);
    for (const syntax::NodeIndex::Entry& entry : entries) {
        while (open.size() > 1 && open.back().depth >= entry.depth) {
            open.pop_back();
        }
        const TSNode node = entry.node;
        const TSSymbol symbol = entry.symbol;
        if (symbol < collect.size() && collect[symbol]) {
            collected_.push_back(node);
        }
        if (entry.depth == 1 && entry.is_named) {
            module_statements_.push_back(node);
        }
        const WalkKind kind = table.kind(symbol);
        const std::size_t scope = open.back().scope;

        switch (kind) {
        case WalkKind::Identifier: {
            const TSFieldId field = entry.field;
            const bool is_name = field != 0 && (field == table.attribute || field == table.name ||
                                                field == table.alias || field == table.left);
            const bool is_read =
                !is_name && !(entry.parent != syntax::NodeIndex::none &&
                              table.kind(entries[entry.parent].symbol) == WalkKind::NotARead);
            if (is_read) {
                reads_.emplace_back(node, scope);
            }
            break;
        }
        case WalkKind::Import:
            bind_import(scope, node);
            break;
        case WalkKind::Assignment:
            bind_target(scope, child_by_field(node, "left"), child_by_field(node, "right"));
            break;
        case WalkKind::AugmentedAssignment:
        case WalkKind::ForTarget:
            bind_target(scope, child_by_field(node, "left"), TSNode{});
            break;
        case WalkKind::AsPattern:
            if (const TSNode alias = child_by_field(node, "alias"); !ts_node_is_null(alias)) {
                bind_target(scope, syntax::named_child(alias, 0), TSNode{});
            }
            break;
        case WalkKind::NamedExpression:
            bind_target(scope, child_by_field(node, "name"), child_by_field(node, "value"));
            break;
        case WalkKind::GlobalOrNonlocal:
            // The names belong to another scope; binding them here as unknown keeps lookups from
            // resolving them to a stale outer import.
            for_each_named_child(node, [&](TSNode name) { bind_target(scope, name, TSNode{}); });
            break;
        case WalkKind::Function:
        case WalkKind::Class:
        case WalkKind::Lambda: {
            if (kind != WalkKind::Lambda) {
                bind(scope, text(child_by_field(node, "name")),
                     kind == WalkKind::Class ? Binding::Kind::Class : Binding::Kind::Function, node,
                     TSNode{});
            }
            const std::size_t inner = scopes_.size();
            scopes_.emplace_back(node, scope, kind == WalkKind::Class);
            scope_by_node_[node_key(node)] = inner;
            bind_parameters(inner, child_by_field(node, "parameters"));
            open.push_back({inner, entry.depth});
            break;
        }
        case WalkKind::Other:
        case WalkKind::NotARead:
        case WalkKind::String:
            break;
        }
    }

    // Second pass over the reads alone: every binding learns its uses.
    for (const auto& [identifier, scope] : reads_) {
        if (const Binding* binding = lookup(scope, text(identifier))) {
            const_cast<Binding*>(binding)->uses.push_back(identifier);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Queries

std::size_t SemanticModel::scope_of(TSNode node) const {
    // Scopes were created in document order, so they are sorted by start. The last one starting
    // at or before the node either contains it or descends from the scope that does: walk up
    // from there. (ts_node_parent searches from the root and is far too slow to use here.)
    const uint32_t start = ts_node_start_byte(node);
    const uint32_t end = ts_node_end_byte(node);
    auto after =
        std::upper_bound(scopes_.begin() + 1, scopes_.end(), start,
                         [](uint32_t offset, const Scope& scope) { return offset < scope.start; });
    std::size_t candidate = static_cast<std::size_t>(after - scopes_.begin()) - 1;
    while (candidate != 0) {
        const Scope& scope = scopes_[candidate];
        // A scope contains the node when the node lies inside it, but a definition is not inside
        // its own scope (a function's name and decorators belong to the enclosing one).
        const bool inside = scope.start <= start && end <= scope.end;
        if (inside && !(scope.start == start && end == scope.end)) {
            return candidate;
        }
        candidate = scope.parent;
    }
    return 0;
}

const Binding* SemanticModel::lookup(std::size_t scope, std::string_view name) const {
    // Python's rule: the local scope, then enclosing functions, then the module; class bodies are
    // visible only to code directly inside them.
    bool first = true;
    for (std::size_t current = scope; current != SIZE_MAX; current = scopes_[current].parent) {
        const Scope& candidate = scopes_[current];
        if (!first && current != 0 && candidate.is_class) {
            continue;
        }
        first = false;
        const auto it = candidate.bindings.find(name);
        if (it != candidate.bindings.end()) {
            return &it->second;
        }
    }
    return nullptr;
}

const Binding* SemanticModel::resolve(TSNode identifier) const {
    return lookup(scope_of(identifier), text(identifier));
}

const std::string& SemanticModel::qualified_name(TSNode expression) const {
    static const std::string none;
    if (ts_node_is_null(expression)) {
        return none;
    }
    if (expression.id == last_name_.first && last_name_.second) {
        return *last_name_.second; // the rules dispatched on one call ask one after another
    }
    const auto [it, inserted] = qualified_names_.try_emplace(expression.id);
    if (inserted && !append_qualified_name(expression, 0, it->second)) {
        it->second.clear();
    }
    last_name_ = {expression.id, &it->second};
    return it->second;
}

bool SemanticModel::append_qualified_name(TSNode expression, int depth, std::string& out) const {
    // One buffer for the whole dotted name: `self.request.session.get` is built in place rather
    // than as a new string per part.
    if (ts_node_is_null(expression) || depth > 8) {
        return false;
    }
    const std::string_view type = node_type(expression);
    if (type == "identifier") {
        const Binding* binding = resolve(expression);
        if (binding && binding->kind == Binding::Kind::Import) {
            out += binding->qualified;
            return true;
        }
        // `run = subprocess.run` once in scope: `run(...)` is subprocess.run.
        if (binding && binding->kind == Binding::Kind::Assignment && binding->assignments == 1 &&
            !ts_node_is_null(binding->value)) {
            const std::string_view value_type = node_type(binding->value);
            if (value_type == "attribute" ||
                (value_type == "identifier" && text(binding->value) != text(expression))) {
                const std::size_t size = out.size();
                if (append_qualified_name(binding->value, depth + 1, out) && out.size() > size) {
                    return true;
                }
                out.resize(size);
            }
        }
        out += text(expression);
        return true;
    }
    if (type == "attribute") {
        const std::size_t size = out.size();
        if (!append_qualified_name(child_by_field(expression, "object"), depth + 1, out) ||
            out.size() == size) {
            return false;
        }
        out += '.';
        out += text(child_by_field(expression, "attribute"));
        return true;
    }
    if (type == "parenthesized_expression") {
        return append_qualified_name(syntax::named_child(expression, 0), depth + 1, out);
    }
    return false;
}

bool SemanticModel::is_builtin(TSNode identifier, std::string_view name) const {
    if (node_type(identifier) != "identifier" || text(identifier) != name) {
        return false;
    }
    const Binding* binding = resolve(identifier);
    // A single definition that comes later in the same scope does not exist yet when a
    // module-level statement before it runs.
    return binding == nullptr ||
           (binding->assignments == 1 && scope_of(binding->definition) == scope_of(identifier) &&
            scope_of(identifier) == 0 &&
            ts_node_start_byte(binding->definition) > ts_node_start_byte(identifier));
}

bool SemanticModel::calls_builtin(const CallView& call, std::string_view name) const {
    const std::string& qualified = qualified_name(call.callee);
    if (qualified == name) {
        return is_builtin(call.callee, name);
    }
    return qualified.size() == name.size() + 9 && qualified.compare(0, 9, "builtins.") == 0 &&
           qualified.compare(9, std::string::npos, name) == 0;
}

std::optional<std::string> string_literal_value(TSNode string, std::string_view source) {
    if (node_type(string) != "string") {
        return std::nullopt;
    }
    if (const auto plain = syntax::plain_string(string, source);
        plain && plain->body.find('\\') == std::string_view::npos) {
        if (plain->is_bytes()) {
            return std::nullopt; // bytes
        }
        return std::string(plain->body); // nothing to decode
    }
    std::string value;
    bool first = true;
    for (uint32_t i = 0; i < syntax::child_count(string); ++i) {
        const TSNode part = syntax::child(string, i);
        const std::string_view type = node_type(part);
        const std::string_view part_text = syntax::node_text(part, source);
        if (type == "string_start") {
            if (first && part_text.find_first_of("bB") != std::string_view::npos) {
                return std::nullopt; // bytes
            }
            first = false;
        } else if (type == "interpolation") {
            return std::nullopt;
        } else if (type == "string_content") {
            // string_content holds escape_sequence children; copy its text, decoding the
            // common escapes.
            std::size_t cursor = ts_node_start_byte(part);
            for (uint32_t k = 0; k < syntax::named_child_count(part); ++k) {
                const TSNode escape = syntax::named_child(part, k);
                value.append(source.substr(cursor, ts_node_start_byte(escape) - cursor));
                const std::string_view escape_text = syntax::node_text(escape, source);
                if (escape_text.size() == 2) {
                    switch (escape_text[1]) {
                    case 'n':
                        value += '\n';
                        break;
                    case 't':
                        value += '\t';
                        break;
                    case 'r':
                        value += '\r';
                        break;
                    case '0':
                        value += '\0';
                        break;
                    case '\\':
                        value += '\\';
                        break;
                    case '\'':
                        value += '\'';
                        break;
                    case '"':
                        value += '"';
                        break;
                    case '\n':
                        break; // line continuation
                    default:
                        value.append(escape_text);
                        break;
                    }
                } else {
                    value.append(escape_text);
                }
                cursor = ts_node_end_byte(escape);
            }
            value.append(source.substr(cursor, ts_node_end_byte(part) - cursor));
        }
    }
    return value;
}

std::optional<std::string> SemanticModel::string_value(TSNode expression) const {
    if (ts_node_is_null(expression)) {
        return std::nullopt;
    }
    const std::string_view type = node_type(expression);
    if (type == "string") {
        return string_literal_value(expression, text_);
    }
    if (type == "concatenated_string") {
        std::string value;
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const auto part = string_literal_value(syntax::named_child(expression, i), text_);
            if (!part) {
                return std::nullopt;
            }
            value += *part;
        }
        return value;
    }
    if (type == "parenthesized_expression") {
        return string_value(syntax::named_child(expression, 0));
    }
    if (type == "identifier") {
        const Binding* binding = resolve(expression);
        if (binding && binding->kind == Binding::Kind::Assignment && binding->assignments == 1 &&
            !ts_node_is_null(binding->value) && node_type(binding->value) != "identifier") {
            return string_value(binding->value);
        }
    }
    return std::nullopt;
}

bool SemanticModel::is_literal(TSNode expression) const {
    if (ts_node_is_null(expression)) {
        return false;
    }
    const std::string_view type = node_type(expression);
    if (type == "string") {
        // Bytes are constants too; only interpolation makes a string non-literal.
        return !syntax::has_interpolation(expression, text_);
    }
    if (type == "concatenated_string") {
        return string_value(expression).has_value();
    }
    if (type == "integer" || type == "float" || type == "true" || type == "false" ||
        type == "none") {
        return true;
    }
    if (type == "unary_operator") {
        return is_literal(child_by_field(expression, "argument"));
    }
    if (type == "list" || type == "tuple" || type == "set" || type == "parenthesized_expression") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            if (!is_literal(syntax::named_child(expression, i))) {
                return false;
            }
        }
        return true;
    }
    return false;
}

std::optional<bool> SemanticModel::literal_truth(TSNode expression) const {
    if (ts_node_is_null(expression)) {
        return std::nullopt;
    }
    const std::string_view type = node_type(expression);
    if (type == "true") {
        return true;
    }
    if (type == "false" || type == "none") {
        return false;
    }
    if (type == "integer" || type == "float") {
        const std::string_view digits = text(expression);
        return digits.find_first_not_of("0._xXoObBjJeE+-") != std::string_view::npos;
    }
    if (type == "string" || type == "concatenated_string") {
        if (const auto value = string_value(expression)) {
            return !value->empty();
        }
        return is_literal(expression) ? std::optional<bool>(text(expression).size() > 3)
                                      : std::nullopt;
    }
    if (type == "list" || type == "tuple" || type == "set" || type == "dictionary") {
        return syntax::named_child_count(expression) > 0;
    }
    if (type == "parenthesized_expression") {
        return literal_truth(syntax::named_child(expression, 0));
    }
    return std::nullopt;
}

const CallView& SemanticModel::call(TSNode call) const {
    if (call.id == last_call_.first && last_call_.second) {
        return *last_call_.second; // the rules dispatched on one node ask one after another
    }
    const auto [it, inserted] = calls_.try_emplace(call.id);
    CallView& view = it->second;
    last_call_ = {call.id, &view};
    if (!inserted) {
        return view;
    }
    view.call = call;
    view.callee = child_by_field(call, "function");
    const TSNode arguments = child_by_field(call, "arguments");
    if (ts_node_is_null(arguments)) {
        return view;
    }
    if (node_type(arguments) == "generator_expression") {
        view.positional.push_back(arguments);
        return view;
    }
    view.positional.reserve(syntax::named_child_count(arguments)); // one allocation, not three
    for_each_named_child(arguments, [&](TSNode argument) {
        const std::string_view type = node_type(argument);
        if (type == "keyword_argument") {
            view.keywords.emplace_back(text(child_by_field(argument, "name")),
                                       child_by_field(argument, "value"));
        } else if (type == "list_splat") {
            view.has_star_args = true;
        } else if (type == "dictionary_splat") {
            view.has_star_kwargs = true;
        } else if (type != "comment") {
            view.positional.push_back(argument);
        }
    });
    return view;
}

std::vector<TSNode> SemanticModel::decorators(TSNode definition) const {
    std::vector<TSNode> result;
    const TSNode parent = syntax::parent(definition);
    if (ts_node_is_null(parent) || node_type(parent) != "decorated_definition") {
        return result;
    }
    for_each_named_child(parent, [&](TSNode child) {
        if (node_type(child) == "decorator" && syntax::named_child_count(child) > 0) {
            result.push_back(syntax::named_child(child, 0));
        }
    });
    return result;
}

bool SemanticModel::imports_module(std::string_view module) const {
    return std::any_of(
        imported_modules_.begin(), imported_modules_.end(), [&](const std::string& imported) {
            return imported == module || (imported.size() > module.size() &&
                                          imported.compare(0, module.size(), module) == 0 &&
                                          imported[module.size()] == '.');
        });
}

} // namespace vigil::analysis

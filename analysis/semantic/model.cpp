#include "analysis/semantic/model.hpp"

#include "analysis/syntax/symbols.hpp"
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
    Comprehension,
    Return,
    Yield,
    DottedName,   // not a read; in a case pattern, a one-name dotted_name is a capture
    SplatPattern, // `*rest` / `**rest` in a case pattern: a capture
};

struct WalkTable {
    std::vector<WalkKind> by_symbol;
    TSFieldId attribute = 0, name = 0, alias = 0, left = 0;
    TSSymbol as_pattern = 0;

    WalkKind kind(TSSymbol symbol) const {
        return symbol < by_symbol.size() ? by_symbol[symbol] : WalkKind::Other;
    }
    // Parents whose identifier children are names, not reads.
    bool names_children(TSSymbol symbol) const {
        const WalkKind parent = kind(symbol);
        return parent == WalkKind::NotARead || parent == WalkKind::DottedName ||
               parent == WalkKind::SplatPattern;
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
            {"list_comprehension", WalkKind::Comprehension},
            {"set_comprehension", WalkKind::Comprehension},
            {"dictionary_comprehension", WalkKind::Comprehension},
            {"generator_expression", WalkKind::Comprehension},
            {"return_statement", WalkKind::Return},
            {"yield", WalkKind::Yield},
            {"splat_pattern", WalkKind::SplatPattern},
            {"keyword_pattern", WalkKind::NotARead},
            {"as_pattern", WalkKind::AsPattern},
            {"named_expression", WalkKind::NamedExpression},
            {"global_statement", WalkKind::GlobalOrNonlocal},
            {"nonlocal_statement", WalkKind::GlobalOrNonlocal},
            {"function_definition", WalkKind::Function},
            {"class_definition", WalkKind::Class},
            {"lambda", WalkKind::Lambda},
            {"dotted_name", WalkKind::DottedName},
            {"parameters", WalkKind::NotARead},
            {"lambda_parameters", WalkKind::NotARead},
            {"string", WalkKind::String},
        };
        // A type may have several symbols (aliases): give each the kind of its name.
        for (TSSymbol symbol = 0; symbol < by_symbol.size(); ++symbol) {
            const std::string_view symbol_name = ts_language_symbol_name(language, symbol);
            if (symbol_name == "as_pattern" &&
                ts_language_symbol_type(language, symbol) == TSSymbolTypeRegular) {
                as_pattern = symbol;
            }
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
    return ts_node_is_null(node) ? std::string_view() : syntax::node_text(node, text_);
}

namespace {

// How rules have always seen a definition: anything but a parameter, import, function or class
// reads as an assignment.
Binding::Kind binding_kind(Definition::Kind kind) {
    switch (kind) {
    case Definition::Kind::Import:
        return Binding::Kind::Import;
    case Definition::Kind::Parameter:
        return Binding::Kind::Parameter;
    case Definition::Kind::Function:
        return Binding::Kind::Function;
    case Definition::Kind::Class:
        return Binding::Kind::Class;
    default:
        return Binding::Kind::Assignment;
    }
}

// `a = b = v`: every target of a chain is given `v`.
TSNode chained_value(TSNode value) {
    while (!ts_node_is_null(value) && node_type(value) == "assignment") {
        const TSNode right = child_by_field(value, "right");
        if (ts_node_is_null(right)) {
            break;
        }
        value = right;
    }
    return value;
}

} // namespace

void SemanticModel::define(Definition definition) {
    if (definition.name.empty()) {
        return;
    }
    const Binding::Kind kind = binding_kind(definition.kind);
    const bool carries_value = definition.kind == Definition::Kind::Assignment ||
                               definition.kind == Definition::Kind::Walrus;
    Binding& binding = scopes_[definition.scope].bindings[definition.name];
    ++binding.assignments;
    binding.definitions.push_back(static_cast<std::uint32_t>(definitions_.size()));
    if (binding.assignments == 1) {
        binding.kind = kind;
        binding.qualified = definition.qualified;
        // Functions and classes are located by their definition, everything else by its name.
        binding.definition = kind == Binding::Kind::Function || kind == Binding::Kind::Class
                                 ? definition.statement
                                 : definition.target;
        binding.value = carries_value ? definition.value : TSNode{};
    } else if (binding.kind != kind || kind == Binding::Kind::Import) {
        // Rebound differently: no longer one thing. Keep the first definition for locations.
        binding.kind = Binding::Kind::Other;
        binding.qualified.clear();
        binding.value = TSNode{};
    }
    definitions_.push_back(std::move(definition));
}

void SemanticModel::bind_target(std::size_t scope, TSNode target, Definition::Kind kind,
                                TSNode statement, TSNode value) {
    if (ts_node_is_null(target)) {
        return;
    }
    const std::string_view type = node_type(target);
    if (type == "identifier") {
        define({.kind = kind,
                .name = text(target),
                .scope = scope,
                .target = target,
                .statement = statement,
                .value = value,
                .qualified = {}});
        return;
    }
    // Unpacking (`a, *b = v`, `for k, v in items`, `with f() as (a, b)`): every name is bound.
    // Only loops, comprehensions and with items keep the value they draw from.
    const bool unpacks = type == "pattern_list" || type == "tuple_pattern" ||
                         type == "list_pattern" || type == "list_splat_pattern" ||
                         type == "tuple" || type == "list" || type == "list_splat" ||
                         type == "parenthesized_expression";
    if (!unpacks) {
        return; // attributes and subscripts bind no name
    }
    const bool assignment = kind == Definition::Kind::Assignment;
    const Definition::Kind element_kind = assignment ? Definition::Kind::Unpacking : kind;
    const TSNode element_value = assignment ? TSNode{} : value;
    for_each_named_child(target, [&](TSNode element) {
        bind_target(scope, element, element_kind, statement, element_value);
    });
}

void SemanticModel::bind_import(std::size_t scope, TSNode statement) {
    auto import = [&](std::string_view name, TSNode target, std::string qualified) {
        define({.kind = Definition::Kind::Import,
                .name = name,
                .scope = scope,
                .target = target,
                .statement = statement,
                .qualified = std::move(qualified)});
    };
    const std::string_view type = node_type(statement);
    if (type == "import_statement") {
        for_each_named_child(statement, [&](TSNode name) {
            if (node_type(name) == "dotted_name") {
                // `import a.b` binds `a`; `a.b.f` then reads as "a.b.f" through the attribute
                // chain.
                const std::string dotted(text(name));
                imported_modules_.push_back(dotted);
                const TSNode first = syntax::named_child(name, 0);
                import(text(first), name, std::string(text(first)));
            } else if (node_type(name) == "aliased_import") {
                const TSNode module = child_by_field(name, "name");
                const TSNode alias = child_by_field(name, "alias");
                imported_modules_.emplace_back(text(module));
                import(text(alias), name, std::string(text(module)));
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
                import(text(alias), name, prefix + std::string(text(original)));
            } else {
                import(text(name), name, prefix + std::string(text(name)));
            }
        } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    }
}

void SemanticModel::bind_parameters(std::size_t scope, TSNode parameters, Function& function) {
    if (ts_node_is_null(parameters)) {
        return;
    }
    bool keyword_only = false;
    for_each_named_child(parameters, [&](TSNode node) {
        std::string_view type = node_type(node);
        if (type == "positional_separator") {
            // Everything before a `/` is positional-only.
            for (Parameter& earlier : function.parameters) {
                if (earlier.kind == Parameter::Kind::Positional) {
                    earlier.kind = Parameter::Kind::PositionalOnly;
                }
            }
            return;
        }
        if (type == "keyword_separator") {
            keyword_only = true;
            return;
        }
        Parameter parameter;
        parameter.kind = keyword_only ? Parameter::Kind::KeywordOnly : Parameter::Kind::Positional;
        TSNode name = node;
        if (type == "default_parameter" || type == "typed_default_parameter") {
            name = child_by_field(node, "name");
            parameter.default_value = child_by_field(node, "value");
            parameter.annotation = child_by_field(node, "type");
        } else if (type == "typed_parameter") {
            name = syntax::named_child(node, 0); // an identifier, or `*args: T` / `**kw: T`
            parameter.annotation = child_by_field(node, "type");
        }
        const std::string_view name_type = ts_node_is_null(name) ? "" : node_type(name);
        if (name_type == "list_splat_pattern" || name_type == "dictionary_splat_pattern") {
            parameter.kind = name_type == "list_splat_pattern" ? Parameter::Kind::VarPositional
                                                               : Parameter::Kind::VarKeyword;
            keyword_only = true;
            name = syntax::named_child(name, 0);
        }
        if (ts_node_is_null(name) || node_type(name) != "identifier") {
            return;
        }
        parameter.name = text(name);
        parameter.node = name;
        define({.kind = Definition::Kind::Parameter,
                .name = parameter.name,
                .scope = scope,
                .target = name,
                .statement = node,
                .value = parameter.default_value,
                .qualified = {}});
        function.parameters.push_back(parameter);
    });
}

void SemanticModel::bind_alias(std::size_t scope, TSNode as_pattern) {
    // `with v as x`, `except E as x`, `except* E as x`: the alias field holds the target.
    const TSNode alias = child_by_field(as_pattern, "alias");
    if (ts_node_is_null(alias)) {
        return; // a case pattern's `... as x`: bound as a capture
    }
    const TSNode parent = syntax::parent(as_pattern);
    const std::string_view parent_type = ts_node_is_null(parent) ? "" : node_type(parent);
    const Definition::Kind kind =
        parent_type == "with_item" ? Definition::Kind::WithAlias : Definition::Kind::ExceptAlias;
    const TSNode statement = parent_type == "with_item" ? parent : syntax::parent(as_pattern);
    bind_target(scope, syntax::named_child(alias, 0), kind, statement,
                syntax::named_child(as_pattern, 0));
}

void SemanticModel::bind_capture(std::size_t scope, TSNode identifier, TSNode pattern) {
    if (ts_node_is_null(identifier) || text(identifier) == "_") {
        return; // the wildcard binds nothing
    }
    TSNode subject{};
    for (TSNode node = syntax::parent(pattern); !ts_node_is_null(node);
         node = syntax::parent(node)) {
        if (node_type(node) == "match_statement") {
            subject = child_by_field(node, "subject");
            break;
        }
    }
    define({.kind = Definition::Kind::MatchCapture,
            .name = text(identifier),
            .scope = scope,
            .target = identifier,
            .statement = pattern,
            .value = subject,
            .qualified = {}});
}

std::size_t SemanticModel::open_function(TSNode node, std::size_t scope, std::size_t parent_scope,
                                         bool lambda) {
    Function function;
    function.node = node;
    function.scope = scope;
    function.is_lambda = lambda;
    if (!lambda) {
        function.name = text(child_by_field(node, "name"));
        function.is_async =
            syntax::child_count(node) > 0 && node_type(syntax::child(node, 0)) == "async";
        function.decorators = decorators(node);
        function.return_annotation = child_by_field(node, "return_type");
    } else if (const TSNode body = child_by_field(node, "body"); !ts_node_is_null(body)) {
        function.returns.push_back(body);
    }
    const Scope& parent = scopes_[parent_scope];
    const std::size_t index = functions_.size();
    if (parent.kind == Scope::Kind::Class && !lambda) {
        function.enclosing_class = parent.class_index;
        classes_[parent.class_index].methods.push_back(index);
    }
    bind_parameters(scope, child_by_field(node, "parameters"), function);
    functions_.push_back(std::move(function));
    return index;
}

std::size_t SemanticModel::open_class(TSNode node, std::size_t scope) {
    Class record;
    record.node = node;
    record.scope = scope;
    record.name = text(child_by_field(node, "name"));
    record.decorators = decorators(node);
    if (const TSNode bases = child_by_field(node, "superclasses"); !ts_node_is_null(bases)) {
        for_each_named_child(bases, [&](TSNode base) {
            if (node_type(base) != "comment") {
                record.bases.push_back(base);
            }
        });
    }
    classes_.push_back(std::move(record));
    return classes_.size() - 1;
}

void SemanticModel::build(TSNode root, std::span<const std::uint8_t> collect) {
    scopes_.emplace_back(root, SIZE_MAX, Scope::Kind::Module);
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
    // The innermost open scope that is not a comprehension (where a walrus binds), and the
    // innermost function a return or yield belongs to.
    auto enclosing = [&](auto&& accepts) -> std::size_t {
        for (auto it = open.rbegin(); it != open.rend(); ++it) {
            const Scope& candidate = scopes_[it->scope];
            if (accepts(candidate)) {
                return it->scope;
            }
            if (candidate.kind != Scope::Kind::Comprehension) {
                break;
            }
        }
        return SIZE_MAX;
    };
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
        const bool has_parent = entry.parent != syntax::NodeIndex::none;
        const TSSymbol parent_symbol = has_parent ? entries[entry.parent].symbol : TSSymbol{0};

        switch (kind) {
        case WalkKind::Identifier: {
            const TSFieldId field = entry.field;
            const bool is_name = field != 0 && (field == table.attribute || field == table.name ||
                                                field == table.alias || field == table.left);
            // `case P() as x`: the last child of a case pattern's as_pattern is a capture.
            const bool is_capture =
                has_parent && parent_symbol == table.as_pattern && field == 0 &&
                !ts_node_eq(syntax::named_child(entries[entry.parent].node, 0), node);
            if (is_capture) {
                bind_capture(scope, node, entries[entry.parent].node);
            } else if (!is_name && !(has_parent && table.names_children(parent_symbol))) {
                reads_.emplace_back(node, scope);
            }
            break;
        }
        case WalkKind::Import:
            bind_import(scope, node);
            break;
        case WalkKind::Assignment:
            bind_target(scope, child_by_field(node, "left"), Definition::Kind::Assignment, node,
                        chained_value(child_by_field(node, "right")));
            break;
        case WalkKind::AugmentedAssignment:
            bind_target(scope, child_by_field(node, "left"), Definition::Kind::AugmentedAssignment,
                        node, child_by_field(node, "right"));
            break;
        case WalkKind::ForTarget:
            bind_target(scope, child_by_field(node, "left"),
                        node_type(node) == "for_in_clause" ? Definition::Kind::Comprehension
                                                           : Definition::Kind::ForTarget,
                        node, child_by_field(node, "right"));
            break;
        case WalkKind::AsPattern:
            bind_alias(scope, node);
            break;
        case WalkKind::NamedExpression: {
            // PEP 572: a walrus in a comprehension binds in the scope around it.
            const std::size_t target =
                enclosing([](const Scope& s) { return s.kind != Scope::Kind::Comprehension; });
            bind_target(target == SIZE_MAX ? scope : target, child_by_field(node, "name"),
                        Definition::Kind::Walrus, node, child_by_field(node, "value"));
            break;
        }
        case WalkKind::GlobalOrNonlocal: {
            // The names belong to another scope; binding them here as unknown keeps lookups from
            // resolving them to a stale outer import.
            const Definition::Kind declared = node_type(node) == "global_statement"
                                                  ? Definition::Kind::Global
                                                  : Definition::Kind::Nonlocal;
            for_each_named_child(
                node, [&](TSNode name) { bind_target(scope, name, declared, node, TSNode{}); });
            break;
        }
        case WalkKind::Function:
        case WalkKind::Class:
        case WalkKind::Lambda: {
            if (kind != WalkKind::Lambda) {
                const TSNode name = child_by_field(node, "name");
                define({.kind = kind == WalkKind::Class ? Definition::Kind::Class
                                                        : Definition::Kind::Function,
                        .name = text(name),
                        .scope = scope,
                        .target = name,
                        .statement = node,
                        .value = {},
                        .qualified = {}});
            }
            const std::size_t inner = scopes_.size();
            scopes_.emplace_back(node, scope,
                                 kind == WalkKind::Class    ? Scope::Kind::Class
                                 : kind == WalkKind::Lambda ? Scope::Kind::Lambda
                                                            : Scope::Kind::Function);
            scope_by_node_[node_key(node)] = inner;
            if (kind == WalkKind::Class) {
                scopes_[inner].class_index = open_class(node, inner);
            } else {
                scopes_[inner].function =
                    open_function(node, inner, scope, kind == WalkKind::Lambda);
            }
            open.push_back({inner, entry.depth});
            break;
        }
        case WalkKind::Comprehension: {
            const std::size_t inner = scopes_.size();
            scopes_.emplace_back(node, scope, Scope::Kind::Comprehension);
            scope_by_node_[node_key(node)] = inner;
            open.push_back({inner, entry.depth});
            break;
        }
        case WalkKind::Return:
        case WalkKind::Yield: {
            const bool is_return = kind == WalkKind::Return;
            const std::size_t owner = enclosing([&](const Scope& s) {
                return s.kind == Scope::Kind::Function ||
                       (!is_return && s.kind == Scope::Kind::Lambda);
            });
            if (owner != SIZE_MAX && scopes_[owner].function != SIZE_MAX) {
                Function& function = functions_[scopes_[owner].function];
                (is_return ? function.returns : function.yields).push_back(node);
            }
            break;
        }
        case WalkKind::DottedName:
            // In a case pattern (`case x:`, `case P(k=x)`, `case [x, y]`), one bare name is a
            // capture; a dotted one (`case Color.RED`) is a value to compare with.
            if (has_parent && entry.named_child_count == 1) {
                const std::string_view parent_type = syntax::symbol_name(parent_symbol);
                if (parent_type == "case_pattern" || parent_type == "keyword_pattern") {
                    bind_capture(scope, syntax::named_child(node, 0), node);
                }
            }
            break;
        case WalkKind::SplatPattern:
            bind_capture(scope, syntax::named_child(node, 0), node);
            break;
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

const Parameter* Function::parameter(std::string_view parameter_name) const {
    for (const Parameter& candidate : parameters) {
        if (candidate.name == parameter_name) {
            return &candidate;
        }
    }
    return nullptr;
}

const Function* SemanticModel::function(TSNode definition) const {
    if (ts_node_is_null(definition)) {
        return nullptr;
    }
    const auto it = scope_by_node_.find(node_key(definition));
    if (it == scope_by_node_.end() || scopes_[it->second].function == SIZE_MAX) {
        return nullptr;
    }
    return &functions_[scopes_[it->second].function];
}

const Function* SemanticModel::enclosing_function(TSNode node) const {
    for (std::size_t scope = scope_of(node); scope != SIZE_MAX; scope = scopes_[scope].parent) {
        const Scope& candidate = scopes_[scope];
        if (candidate.function != SIZE_MAX) {
            return &functions_[candidate.function];
        }
        if (candidate.kind != Scope::Kind::Comprehension) {
            return nullptr;
        }
    }
    return nullptr;
}

TSNode SemanticModel::single_value(TSNode expression) const {
    expression = syntax::unparenthesized(expression);
    if (ts_node_is_null(expression) || node_type(expression) != "identifier") {
        return TSNode{};
    }
    const Binding* binding = resolve(expression);
    if (!binding || binding->kind != Binding::Kind::Assignment || binding->assignments != 1) {
        return TSNode{};
    }
    return binding->value;
}

std::string_view SemanticModel::method_name(TSNode callee) const {
    if (ts_node_is_null(callee) || node_type(callee) != "attribute") {
        return {};
    }
    return text(child_by_field(callee, "attribute"));
}

std::optional<Constant> SemanticModel::constant_value(TSNode expression) const {
    return fold(expression, 0);
}

std::optional<Constant> SemanticModel::fold(TSNode expression, int depth) const {
    // Bounds the work on names defined through one another and on deeply nested expressions.
    constexpr int max_depth = 64;
    if (ts_node_is_null(expression) || depth > max_depth) {
        return std::nullopt;
    }
    const std::string_view type = node_type(expression);
    if (type == "integer") {
        if (const auto value = parse_integer_literal(text(expression))) {
            return Constant::of_int(*value);
        }
        return std::nullopt;
    }
    if (type == "float") {
        if (const auto value = parse_float_literal(text(expression))) {
            return Constant::of_float(*value);
        }
        return std::nullopt;
    }
    if (type == "true" || type == "false") {
        return Constant::of_bool(type == "true");
    }
    if (type == "none") {
        return Constant::none();
    }
    if (type == "string") {
        if (const auto plain = syntax::plain_string(expression, text_)) {
            if (plain->is_bytes()) {
                // Bytes with escapes are left unknown rather than decoded wrongly.
                if (!plain->is_raw() && plain->body.find('\\') != std::string_view::npos) {
                    return std::nullopt;
                }
                return Constant::of_bytes(std::string(plain->body));
            }
            if (plain->is_raw()) {
                return Constant::of_string(std::string(plain->body));
            }
        } else if (const std::string_view literal = text(expression);
                   literal.find_first_of("{}") != std::string_view::npos) {
            return std::nullopt; // an f-string: interpolations, or braces doubled as escapes
        }
        if (auto value = string_literal_value(expression, text_)) {
            return Constant::of_string(std::move(*value));
        }
        return std::nullopt;
    }
    if (type == "concatenated_string") {
        std::optional<Constant> joined;
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const auto part = fold(syntax::named_child(expression, i), depth + 1);
            if (!part || (joined && joined->kind != part->kind)) {
                return std::nullopt;
            }
            joined = joined ? fold_binary(*joined, "+", *part) : part;
            if (!joined) {
                return std::nullopt;
            }
        }
        return joined;
    }
    if (type == "parenthesized_expression") {
        return fold(syntax::named_child(expression, 0), depth + 1);
    }
    if (type == "tuple" || type == "list" || type == "set") {
        std::vector<Constant> elements;
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const TSNode element = syntax::named_child(expression, i);
            if (node_type(element) == "comment") {
                continue;
            }
            auto value = fold(element, depth + 1);
            if (!value) {
                return std::nullopt; // a starred element or anything not constant
            }
            elements.push_back(std::move(*value));
        }
        return Constant::sequence(type == "tuple"  ? Constant::Kind::Tuple
                                  : type == "list" ? Constant::Kind::List
                                                   : Constant::Kind::Set,
                                  std::move(elements));
    }
    if (type == "identifier") {
        const TSNode value = single_value(expression);
        return ts_node_is_null(value) ? std::nullopt : fold(value, depth + 1);
    }
    if (type == "unary_operator") {
        const auto operand = fold(child_by_field(expression, "argument"), depth + 1);
        return operand ? fold_unary(text(child_by_field(expression, "operator")), *operand)
                       : std::nullopt;
    }
    if (type == "not_operator") {
        const auto operand = fold(child_by_field(expression, "argument"), depth + 1);
        return operand ? fold_unary("not", *operand) : std::nullopt;
    }
    if (type == "binary_operator") {
        const auto left = fold(child_by_field(expression, "left"), depth + 1);
        if (!left) {
            return std::nullopt;
        }
        const auto right = fold(child_by_field(expression, "right"), depth + 1);
        return right ? fold_binary(*left, text(child_by_field(expression, "operator")), *right)
                     : std::nullopt;
    }
    if (type == "boolean_operator") {
        // `a and b` is a when a is false, else b; `a or b` is a when a is true, else b.
        const auto left = fold(child_by_field(expression, "left"), depth + 1);
        if (!left) {
            return std::nullopt;
        }
        const bool is_and = text(child_by_field(expression, "operator")) == "and";
        if (left->truth() != is_and) {
            return left;
        }
        return fold(child_by_field(expression, "right"), depth + 1);
    }
    if (type == "comparison_operator") {
        // `a < b < c` is `a < b and b < c`; the operators are the unnamed children between the
        // operands (`not in` and `is not` are two tokens).
        std::vector<Constant> operands;
        std::vector<std::string> operators;
        std::string pending;
        for (uint32_t i = 0; i < syntax::child_count(expression); ++i) {
            const TSNode child = syntax::child(expression, i);
            if (ts_node_is_named(child)) {
                if (node_type(child) == "comment") {
                    continue;
                }
                auto value = fold(child, depth + 1);
                if (!value) {
                    return std::nullopt;
                }
                if (!operands.empty()) {
                    operators.push_back(std::move(pending));
                    pending.clear();
                }
                operands.push_back(std::move(*value));
            } else {
                if (!pending.empty()) {
                    pending += ' ';
                }
                pending += text(child);
            }
        }
        if (operands.size() < 2 || operators.size() != operands.size() - 1) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < operators.size(); ++i) {
            const auto result = fold_comparison(operands[i], operators[i], operands[i + 1]);
            if (!result) {
                return std::nullopt;
            }
            if (!*result) {
                return Constant::of_bool(false);
            }
        }
        return Constant::of_bool(true);
    }
    if (type == "conditional_expression") {
        // `a if condition else b`
        const auto condition = fold(syntax::named_child(expression, 1), depth + 1);
        if (!condition) {
            return std::nullopt;
        }
        return fold(syntax::named_child(expression, condition->truth() ? 0 : 2), depth + 1);
    }
    if (type == "subscript") {
        const auto container = fold(child_by_field(expression, "value"), depth + 1);
        if (!container || syntax::named_child_count(expression) != 2) {
            return std::nullopt; // x[a, b] or a slice
        }
        const auto index = fold(child_by_field(expression, "subscript"), depth + 1);
        return index ? fold_subscript(*container, *index) : std::nullopt;
    }
    return std::nullopt;
}

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
    view.method = method_name(view.callee);
    if (!view.method.empty()) {
        view.receiver = child_by_field(view.callee, "object");
    }
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

// The semantic model of one file, built once per analysis by one walk of the tree and shared by
// every rule: imports and aliases resolved to qualified names, scopes with their bindings (each
// with its definition and uses), string constants that flow through simple assignments, and a
// view of call arguments. Rules ask the model; none re-derives it.
#pragma once

#include "analysis/semantic/constant.hpp"
#include "analysis/syntax/node_index.hpp"

#include <tree_sitter/api.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::analysis {

// One place a name is bound: every assignment, parameter, import, loop target, alias and
// definition gets its own record, so that a rule (and the flow engine) can ask what each binding
// of a name was, not only whether there was exactly one.
struct Definition {
    enum class Kind : std::uint8_t {
        Assignment,          // x = v, x: T = v, and each target of a chained assignment
        AugmentedAssignment, // x += v
        Unpacking,           // a, *b = v; (a, b) = v; [a, b] = v
        Parameter,           // def f(x), lambda x:
        Import,              // import m; import m as x; from m import x
        ForTarget,           // for x in v (also `for a, b in v`)
        WithAlias,           // with v as x
        ExceptAlias,         // except E as x; except* E as x
        Walrus,              // (x := v)
        Comprehension,       // [... for x in v]
        MatchCapture,        // case x:, case [x, *rest]:, case P(k=x):, case ... as x:
        Global,              // global x (declares that x lives in the module)
        Nonlocal,            // nonlocal x
        Function,            // def x(...)
        Class,               // class x(...)
    };
    Kind kind = Kind::Assignment;
    std::string_view name; // views the analysed text
    std::size_t scope = 0; // the scope the name is bound in
    TSNode target{};       // the identifier bound (for Function/Class: the definition's name)
    TSNode statement{};    // what binds it: the assignment, for, with item, except clause,
                           // import, parameter, function or class definition ...
    // The expression the value comes from, where there is one: the right side of an assignment,
    // augmented assignment or walrus; the iterable of a for or comprehension; the context manager
    // of a with (its __enter__ gives the value); a parameter's default; the matched subject.
    TSNode value{};
    std::string qualified; // imports: the imported thing ("yaml.load", "subprocess")
};

// A name bound in a scope, over all its definitions there, and the identifiers that read it.
struct Binding {
    // The kind of the name's first definition, as rules have always asked it: Assignment stands
    // for every definition that is not a parameter, import, function or class. A name bound in
    // different ways (or imported twice) is Other.
    enum class Kind { Import, Assignment, Function, Class, Parameter, Other };
    Kind kind = Kind::Other;
    std::string qualified;         // for imports: the imported thing ("yaml.load", "subprocess")
    TSNode definition{};           // the node that first binds it
    TSNode value{};                // for single assignments: the assigned expression
    std::uint32_t assignments = 0; // how many times the name is bound in this scope
    std::vector<std::uint32_t> definitions; // indices into SemanticModel::definitions(), in order
    std::vector<TSNode> uses; // identifiers that read this binding, anywhere it is visible
};

// A def, async def or lambda.
struct Parameter {
    enum class Kind : std::uint8_t {
        Positional,     // a, a=1 (positional or keyword)
        PositionalOnly, // before a `/`
        KeywordOnly,    // after `*` or `*args`
        VarPositional,  // *args
        VarKeyword,     // **kwargs
    };
    Kind kind = Kind::Positional;
    std::string_view name;
    TSNode node{};          // the identifier
    TSNode default_value{}; // null when there is none
    TSNode annotation{};    // null when there is none
};

struct Function {
    TSNode node{};         // function_definition or lambda
    std::size_t scope = 0; // the function's own scope
    std::string_view name; // empty for a lambda
    bool is_async = false;
    bool is_lambda = false;
    std::size_t enclosing_class = SIZE_MAX; // index into classes() when defined in a class body
    std::vector<Parameter> parameters;
    std::vector<TSNode> decorators; // the expressions after '@'
    TSNode return_annotation{};
    std::vector<TSNode> returns; // return statements; a lambda's body expression
    std::vector<TSNode> yields;  // yield expressions (`yield x`, `yield from x`)

    // A parameter by name, or nullptr.
    const Parameter* parameter(std::string_view parameter_name) const;
};

struct Class {
    TSNode node{};         // class_definition
    std::size_t scope = 0; // the class body's scope
    std::string_view name;
    std::vector<TSNode> bases;        // the superclass list's entries (keywords included)
    std::vector<TSNode> decorators;   // the expressions after '@'
    std::vector<std::size_t> methods; // indices into functions()
};

struct Scope {
    enum class Kind : std::uint8_t { Module, Function, Lambda, Class, Comprehension };
    TSNode node{}; // module, function_definition, class_definition, lambda or a comprehension
    std::size_t parent = SIZE_MAX;
    // Keys view the analysed text, which outlives the model.
    std::unordered_map<std::string_view, Binding> bindings;
    // The node's byte range and kind, asked at every name lookup.
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    Kind kind = Kind::Module;
    bool is_class = false;
    std::size_t function = SIZE_MAX;    // index into functions() for a def or lambda
    std::size_t class_index = SIZE_MAX; // index into classes() for a class body

    Scope(TSNode scope_node, std::size_t parent_scope, Kind scope_kind)
        : node(scope_node), parent(parent_scope), start(ts_node_start_byte(scope_node)),
          end(ts_node_end_byte(scope_node)), kind(scope_kind), is_class(scope_kind == Kind::Class) {
    }
};

// The arguments of one call, by position and by keyword.
struct CallView {
    TSNode call{};
    TSNode callee{};
    // For `receiver.method(...)`: the method's name and the receiver; empty and null otherwise.
    std::string_view method;
    TSNode receiver{};
    std::vector<TSNode> positional;
    std::vector<std::pair<std::string_view, TSNode>> keywords;
    bool has_star_args = false;   // *args: positional arity unknown
    bool has_star_kwargs = false; // **kwargs: any keyword may be present

    // The value of keyword `name`, or a null node.
    TSNode keyword(std::string_view name) const;
    // Positional argument `index`, or a null node.
    TSNode argument(std::size_t index) const;
    // Keyword `name`, else positional argument `index`.
    TSNode argument(std::size_t index, std::string_view name) const;
};

class SemanticModel {
public:
    // `collect[symbol]` set: the build walk also records every node of that symbol, in document
    // order (see collected()), so the analyzer dispatches rules without walking the tree again.
    SemanticModel(std::string_view text, TSNode root, std::span<const std::uint8_t> collect = {});

    // The module's top-level statements, in order (comments included).
    const std::vector<TSNode>& module_statements() const { return module_statements_; }

    // The nodes of the symbols asked for at construction, in document order.
    const std::vector<TSNode>& collected() const { return collected_; }

    std::string_view text() const { return text_; }
    TSNode root() const { return scopes_.front().node; }
    std::string_view text(TSNode node) const; // "" for a null node

    // The qualified name an expression refers to, resolved through the imports visible where it
    // appears: with `import yaml as y`, `y.load` is "yaml.load"; with `from os import path as p`,
    // `p.join` is "os.path.join". A name that is not imported resolves to itself ("eval"); an
    // expression that is not a dotted name (a call, a subscript) resolves to "".
    // The reference stays valid as long as the model.
    const std::string& qualified_name(TSNode expression) const;

    // A builtin name (eval, exec, open, ...) used where no definition in the file shadows it.
    bool is_builtin(TSNode identifier, std::string_view name) const;

    // Whether a call calls the builtin `name`: directly (not shadowed), through `builtins.name`,
    // or through an alias of either.
    bool calls_builtin(const CallView& call, std::string_view name) const;

    // The binding an identifier refers to, looking outward from its scope; nullptr if none.
    const Binding* resolve(TSNode identifier) const;

    // The one value a name can have here: the expression a name bound exactly once in its scope
    // (by an assignment or a walrus) was given; a null node otherwise. Parenthesized expressions
    // are looked through.
    TSNode single_value(TSNode expression) const;

    // The value an expression has whenever it runs, if it is a constant: literals, names whose
    // single value is constant, and Python's operators, comparisons, `not`/`and`/`or`,
    // conditional expressions and constant indexing applied to those.
    std::optional<Constant> constant_value(TSNode expression) const;

    // For a callee `receiver.method`: "method"; empty for any other callee.
    std::string_view method_name(TSNode callee) const;

    // Every definition in the file, sorted by where its target starts.
    const std::vector<Definition>& definitions() const { return definitions_; }
    // Every def, async def and lambda; every class. In document order.
    const std::vector<Function>& functions() const { return functions_; }
    const std::vector<Class>& classes() const { return classes_; }
    // The record of a function_definition or lambda node; nullptr for any other node.
    const Function* function(TSNode definition) const;
    // The innermost def or lambda a node is in (a comprehension is not one); nullptr at module
    // or class level.
    const Function* enclosing_function(TSNode node) const;

    // The literal string an expression evaluates to: a string literal without interpolation, or a
    // name bound exactly once in its scope to such a literal. Concatenations of those fold too.
    std::optional<std::string> string_value(TSNode expression) const;

    // True for literal constants: strings (without interpolation), numbers, True/False/None, and
    // lists/tuples/sets of those.
    bool is_literal(TSNode expression) const;

    // True/False for a literal truth value (True, False, None, numbers, strings, empty/non-empty
    // containers); nullopt when the value is not a literal.
    std::optional<bool> literal_truth(TSNode expression) const;

    // The arguments of a call, built once per call node however many rules ask.
    const CallView& call(TSNode call) const;

    // The decorators of a function or class definition (the expressions after '@').
    std::vector<TSNode> decorators(TSNode definition) const;

    // Whether the module imports `module` (exactly, as `import module` or `import module as x`)
    // or anything from it (`from module import x`).
    bool imports_module(std::string_view module) const;

    const std::vector<Scope>& scopes() const { return scopes_; }

    // The tree's shape, indexed by the build walk. Install it (NodeIndex::Use) while rules run, so
    // that syntax:: navigation answers from it.
    const syntax::NodeIndex& index() const { return index_; }

    // The innermost scope containing a node.
    std::size_t scope_of(TSNode node) const;

private:
    void build(TSNode root, std::span<const std::uint8_t> collect);
    // Records a definition and adds it to its name's binding in `definition.scope`.
    void define(Definition definition);
    // Binds every name in an assignment target (identifiers, tuple and list patterns, starred
    // names); `value` goes with a plain name only, an unpacked name's value is unknown here.
    void bind_target(std::size_t scope, TSNode target, Definition::Kind kind, TSNode statement,
                     TSNode value);
    const Binding* lookup(std::size_t scope, std::string_view name) const;
    // Appends the qualified name to `out`; false (with `out` as it may be left) when there is none.
    bool append_qualified_name(TSNode expression, int depth, std::string& out) const;
    void bind_import(std::size_t scope, TSNode statement);
    void bind_parameters(std::size_t scope, TSNode parameters, Function& function);
    void bind_alias(std::size_t scope, TSNode as_pattern);
    void bind_capture(std::size_t scope, TSNode identifier, TSNode pattern);
    std::size_t open_function(TSNode node, std::size_t scope, std::size_t parent_scope,
                              bool lambda);
    std::size_t open_class(TSNode node, std::size_t scope);
    std::optional<Constant> fold(TSNode expression, int depth) const;

    std::string_view text_;
    syntax::NodeIndex index_;
    std::vector<Scope> scopes_;
    std::vector<Definition> definitions_;
    std::vector<Function> functions_;
    std::vector<Class> classes_;
    std::unordered_map<std::uintptr_t, std::size_t>
        scope_by_node_; // scope-opening node id -> scope
    std::vector<std::string> imported_modules_;
    std::vector<std::pair<TSNode, std::size_t>> reads_; // identifiers read, with their scope
    std::vector<TSNode> collected_;
    std::vector<TSNode> module_statements_;
    // Every call-matching rule asks for the same callee's name: resolve it once per node.
    mutable std::unordered_map<const void*, std::string> qualified_names_;
    mutable std::unordered_map<const void*, CallView> calls_; // node-based: references stay valid
    // The last answers, since the rules dispatched on one node ask for it one after another.
    mutable std::pair<const void*, const CallView*> last_call_{nullptr, nullptr};
    mutable std::pair<const void*, const std::string*> last_name_{nullptr, nullptr};
};

// Strips the quotes and prefix of a plain string literal's source text; nullopt for f-strings,
// byte strings, and strings with escapes this cannot decode simply.
std::optional<std::string> string_literal_value(TSNode string, std::string_view source);

} // namespace vigil::analysis

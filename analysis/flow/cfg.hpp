// The control-flow graph of one function body (or of a module's top-level code), built from the
// syntax tree: basic blocks of steps, joined by edges that say why control takes them. Branches
// on `and`, `or` and `not` are split into one test per operand, so that an analysis can learn
// from each test on the edge that follows it (a guard), and skip edges a constant test never
// takes (dead code).
//
// What it approximates, on purpose: any statement of a `try` body may raise, so the handlers are
// entered from the state before and after each of its statements; a `finally` body runs on the
// normal way out only; a call never raises outside a `try`; nested functions and class bodies
// are not part of the graph (each function gets its own).
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <vector>

namespace vigil::analysis::flow {

enum class StepKind : std::uint8_t {
    Statement,  // a simple statement (expression, assignment, import, del, assert, def, class ...)
    Evaluate,   // an expression evaluated for its effects: a test, an iterable, a subject
    ForBind,    // a for statement binds its target from its iterable (node: for_statement)
    WithBind,   // a with item binds its alias (node: with_item)
    ExceptBind, // an except clause binds its alias (node: except_clause)
    CaseBind,   // a case clause binds its captures (node: case_clause)
    Return,     // a return statement (node: return_statement)
};

struct Step {
    StepKind kind = StepKind::Statement;
    TSNode node{};
};

enum class EdgeKind : std::uint8_t {
    Normal,
    True,      // taken when `condition` is true
    False,     // taken when `condition` is false
    Exception, // into an exception handler
};

struct Edge {
    std::uint32_t target = 0;
    EdgeKind kind = EdgeKind::Normal;
    TSNode condition{}; // for True and False
};

struct Block {
    std::vector<Step> steps;
    std::vector<Edge> successors;
};

struct Cfg {
    static constexpr std::uint32_t entry = 0;
    static constexpr std::uint32_t exit = 1; // every return, and every raise outside a try
    std::vector<Block> blocks;
    bool complete = true; // false when the body was too large or too deep to build in full
};

// The graph of a function_definition's or lambda's body, or of a module's statements (`body` is
// the module node). Calls whose qualified name is in `no_return` end their block (abort(),
// sys.exit()); `is_no_return` answers for a call node.
struct CfgOptions {
    bool (*is_no_return)(TSNode call, const void* context) = nullptr;
    const void* context = nullptr;
    std::size_t max_blocks = 20000; // a larger body builds no further (Cfg::complete false)
};
Cfg build_cfg(TSNode body, const CfgOptions& options);

} // namespace vigil::analysis::flow

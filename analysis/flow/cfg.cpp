#include "analysis/flow/cfg.hpp"

#include "analysis/syntax/tree_sitter.hpp"

#include <string_view>

namespace vigil::analysis::flow {

namespace {

using syntax::child_by_field;
using syntax::node_type;

// Python itself refuses code nested about a hundred blocks deep; deeper trees come from
// generated or hostile input and build no further.
constexpr int max_nesting = 100;

// The first named child of `node` of type `type`, or a null node.
TSNode named_child_of_type(TSNode node, std::string_view type) {
    const uint32_t count = syntax::named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode child = syntax::named_child(node, i);
        if (node_type(child) == type) {
            return child;
        }
    }
    return TSNode{};
}

class Builder {
public:
    Builder(Cfg& cfg, const CfgOptions& options) : cfg_(cfg), options_(options) {
        cfg_.blocks.resize(2); // entry and exit
        current_ = Cfg::entry;
    }

    void body(TSNode node) {
        statements(node);
        edge(current_, Cfg::exit);
    }

private:
    struct Loop {
        std::uint32_t continue_target;
        std::uint32_t break_target;
    };

    std::uint32_t new_block() {
        cfg_.blocks.emplace_back();
        return static_cast<std::uint32_t>(cfg_.blocks.size() - 1);
    }

    void edge(std::uint32_t from, std::uint32_t to, EdgeKind kind = EdgeKind::Normal,
              TSNode condition = TSNode{}) {
        cfg_.blocks[from].successors.push_back({to, kind, condition});
    }

    void step(StepKind kind, TSNode node) {
        if (!ts_node_is_null(node)) {
            cfg_.blocks[current_].steps.push_back({kind, node});
        }
    }

    // Code after a jump: a block no edge enters.
    void unreachable() { current_ = new_block(); }

    std::uint32_t exception_target() const {
        return handlers_.empty() ? Cfg::exit : handlers_.back();
    }

    // In a try body: the handlers can be entered with the state as it is here.
    void may_raise_here() {
        if (handlers_.empty()) {
            return;
        }
        edge(current_, handlers_.back(), EdgeKind::Exception);
        const std::uint32_t next = new_block();
        edge(current_, next);
        current_ = next;
    }

    bool too_large() {
        if (cfg_.blocks.size() > options_.max_blocks || depth_ > max_nesting) {
            cfg_.complete = false;
            return true;
        }
        return false;
    }

    void statements(TSNode container) {
        if (ts_node_is_null(container)) {
            return;
        }
        const uint32_t count = syntax::named_child_count(container);
        for (uint32_t i = 0; i < count; ++i) {
            if (too_large()) {
                return;
            }
            const TSNode child = syntax::named_child(container, i);
            if (node_type(child) == "comment") {
                continue;
            }
            may_raise_here();
            ++depth_;
            statement(child);
            --depth_;
        }
        may_raise_here();
    }

    // Branches to `if_true` or `if_false` on a test, one operand of `and`/`or`/`not` at a time.
    void condition(TSNode test, std::uint32_t if_true, std::uint32_t if_false, int depth = 0) {
        test = syntax::unparenthesized(test);
        const std::string_view type = ts_node_is_null(test) ? "" : node_type(test);
        if (depth < max_nesting && type == "not_operator") {
            condition(child_by_field(test, "argument"), if_false, if_true, depth + 1);
            return;
        }
        if (depth < max_nesting && type == "boolean_operator") {
            const bool is_and = operator_is_and(test);
            const std::uint32_t middle = new_block();
            if (is_and) {
                condition(child_by_field(test, "left"), middle, if_false, depth + 1);
            } else {
                condition(child_by_field(test, "left"), if_true, middle, depth + 1);
            }
            current_ = middle;
            condition(child_by_field(test, "right"), if_true, if_false, depth + 1);
            return;
        }
        step(StepKind::Evaluate, test);
        edge(current_, if_true, EdgeKind::True, test);
        edge(current_, if_false, EdgeKind::False, test);
    }

    static bool operator_is_and(TSNode boolean_operator) {
        const TSNode op = child_by_field(boolean_operator, "operator");
        return !ts_node_is_null(op) && node_type(op) == "and";
    }

    bool ends_in_no_return_call(TSNode statement) const {
        if (!options_.is_no_return || node_type(statement) != "expression_statement") {
            return false;
        }
        TSNode expression = syntax::named_child(statement, 0);
        if (!ts_node_is_null(expression) && node_type(expression) == "await") {
            expression = syntax::named_child(expression, 0);
        }
        return !ts_node_is_null(expression) && node_type(expression) == "call" &&
               options_.is_no_return(expression, options_.context);
    }

    void statement(TSNode node) {
        const std::string_view type = node_type(node);
        if (type == "if_statement") {
            if_statement(node);
        } else if (type == "while_statement") {
            while_statement(node);
        } else if (type == "for_statement") {
            for_statement(node);
        } else if (type == "try_statement") {
            try_statement(node);
        } else if (type == "with_statement") {
            with_statement(node);
        } else if (type == "match_statement") {
            match_statement(node);
        } else if (type == "return_statement") {
            step(StepKind::Return, node);
            edge(current_, Cfg::exit);
            unreachable();
        } else if (type == "raise_statement") {
            step(StepKind::Statement, node);
            edge(current_, exception_target(), EdgeKind::Exception);
            unreachable();
        } else if (type == "break_statement" || type == "continue_statement") {
            if (!loops_.empty()) {
                edge(current_, type == "break_statement" ? loops_.back().break_target
                                                         : loops_.back().continue_target);
            }
            unreachable();
        } else {
            step(StepKind::Statement, node);
            if (ends_in_no_return_call(node)) {
                edge(current_, exception_target(), EdgeKind::Exception);
                unreachable();
            }
        }
    }

    void if_statement(TSNode node) {
        const std::uint32_t after = new_block();
        const std::uint32_t consequence = new_block();
        std::uint32_t otherwise = new_block();
        condition(child_by_field(node, "condition"), consequence, otherwise);
        current_ = consequence;
        statements(child_by_field(node, "consequence"));
        edge(current_, after);
        current_ = otherwise;
        const uint32_t count = syntax::named_child_count(node);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode alternative = syntax::named_child(node, i);
            const std::string_view type = node_type(alternative);
            if (type == "elif_clause") {
                const std::uint32_t branch = new_block();
                otherwise = new_block();
                condition(child_by_field(alternative, "condition"), branch, otherwise);
                current_ = branch;
                statements(child_by_field(alternative, "consequence"));
                edge(current_, after);
                current_ = otherwise;
            } else if (type == "else_clause") {
                statements(child_by_field(alternative, "body"));
            }
        }
        edge(current_, after);
        current_ = after;
    }

    // A loop: `header` decides between the body and the way out; the body goes back to it;
    // `break` leaves past the else clause, which runs when the loop ends by its own test.
    struct LoopBlocks {
        std::uint32_t header, body, exhausted, after;
    };

    LoopBlocks open_loop() {
        const std::uint32_t header = new_block();
        edge(current_, header);
        return {header, new_block(), new_block(), new_block()};
    }

    void close_loop(TSNode node, const LoopBlocks& loop, StepKind first_step) {
        loops_.push_back({loop.header, loop.after});
        current_ = loop.body;
        if (first_step == StepKind::ForBind) {
            step(StepKind::ForBind, node);
        }
        statements(child_by_field(node, "body"));
        edge(current_, loop.header);
        loops_.pop_back();
        current_ = loop.exhausted;
        if (const TSNode otherwise = child_by_field(node, "alternative");
            !ts_node_is_null(otherwise)) {
            statements(child_by_field(otherwise, "body"));
        }
        edge(current_, loop.after);
        current_ = loop.after;
    }

    void while_statement(TSNode node) {
        const LoopBlocks loop = open_loop();
        current_ = loop.header;
        condition(child_by_field(node, "condition"), loop.body, loop.exhausted);
        close_loop(node, loop, StepKind::Statement);
    }

    void for_statement(TSNode node) {
        step(StepKind::Evaluate, child_by_field(node, "right"));
        const LoopBlocks loop = open_loop();
        edge(loop.header, loop.body);
        edge(loop.header, loop.exhausted);
        close_loop(node, loop, StepKind::ForBind);
    }

    void try_statement(TSNode node) {
        const std::uint32_t dispatch = new_block();
        const std::uint32_t finally_entry = new_block();
        const std::uint32_t after = new_block();
        handlers_.push_back(dispatch);
        statements(child_by_field(node, "body"));
        handlers_.pop_back();
        bool catches_all = false;
        TSNode finally_block{};
        std::vector<TSNode> handlers;
        const uint32_t count = syntax::named_child_count(node);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode clause = syntax::named_child(node, i);
            const std::string_view type = node_type(clause);
            if (type == "else_clause") {
                statements(child_by_field(clause, "body"));
            } else if (type == "except_clause" || type == "except_group_clause") {
                handlers.push_back(clause);
            } else if (type == "finally_clause") {
                finally_block = named_child_of_type(clause, "block");
            }
        }
        edge(current_, finally_entry);
        for (const TSNode clause : handlers) {
            const std::uint32_t handler = new_block();
            edge(dispatch, handler);
            current_ = handler;
            step(StepKind::ExceptBind, clause);
            statements(named_child_of_type(clause, "block"));
            edge(current_, finally_entry);
            const TSNode caught = syntax::named_child(clause, 0);
            const std::string_view caught_type = ts_node_is_null(caught) ? "" : node_type(caught);
            if (caught_type == "block") {
                catches_all = true; // a bare `except:`
            }
        }
        if (!catches_all) {
            edge(dispatch, exception_target(), EdgeKind::Exception);
        }
        current_ = finally_entry;
        statements(finally_block);
        edge(current_, after);
        current_ = after;
    }

    void with_statement(TSNode node) {
        const TSNode clause = named_child_of_type(node, "with_clause");
        const uint32_t count = ts_node_is_null(clause) ? 0 : syntax::named_child_count(clause);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode item = syntax::named_child(clause, i);
            if (node_type(item) != "with_item") {
                continue;
            }
            const TSNode value = child_by_field(item, "value");
            if (!ts_node_is_null(value) && node_type(value) == "as_pattern") {
                step(StepKind::Evaluate, syntax::named_child(value, 0));
                step(StepKind::WithBind, item);
            } else {
                step(StepKind::Evaluate, value);
            }
        }
        statements(child_by_field(node, "body"));
    }

    void match_statement(TSNode node) {
        step(StepKind::Evaluate, child_by_field(node, "subject"));
        const std::uint32_t dispatch = current_;
        const std::uint32_t after = new_block();
        bool irrefutable = false;
        const TSNode body = child_by_field(node, "body");
        const uint32_t count = ts_node_is_null(body) ? 0 : syntax::named_child_count(body);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode clause = syntax::named_child(body, i);
            if (node_type(clause) != "case_clause") {
                continue;
            }
            const std::uint32_t entry = new_block();
            edge(dispatch, entry);
            current_ = entry;
            step(StepKind::CaseBind, clause);
            const TSNode guard = child_by_field(clause, "guard");
            if (!ts_node_is_null(guard)) {
                const std::uint32_t passed = new_block();
                condition(syntax::named_child(guard, 0), passed, after);
                current_ = passed;
            } else {
                // `case _:` and `case name:` match anything.
                const TSNode pattern = syntax::named_child(clause, 0);
                const TSNode inner =
                    ts_node_is_null(pattern) ? pattern : syntax::named_child(pattern, 0);
                irrefutable =
                    irrefutable ||
                    (!ts_node_is_null(pattern) && syntax::named_child_count(pattern) == 0) ||
                    (!ts_node_is_null(inner) && node_type(inner) == "dotted_name" &&
                     syntax::named_child_count(inner) == 1);
            }
            statements(child_by_field(clause, "consequence"));
            edge(current_, after);
        }
        if (!irrefutable) {
            edge(dispatch, after);
        }
        current_ = after;
    }

    Cfg& cfg_;
    const CfgOptions& options_;
    std::uint32_t current_ = Cfg::entry;
    std::vector<Loop> loops_;
    std::vector<std::uint32_t> handlers_;
    int depth_ = 0;
};

} // namespace

Cfg build_cfg(TSNode body, const CfgOptions& options) {
    Cfg cfg;
    Builder builder(cfg, options);
    if (!ts_node_is_null(body)) {
        const std::string_view type = node_type(body);
        if (type == "function_definition") {
            builder.body(child_by_field(body, "body"));
        } else if (type == "lambda") {
            // A lambda is one expression, evaluated and returned.
            Cfg single;
            single.blocks.resize(2);
            single.blocks[Cfg::entry].steps.push_back(
                {StepKind::Return, child_by_field(body, "body")});
            single.blocks[Cfg::entry].successors.push_back({Cfg::exit, EdgeKind::Normal, {}});
            return single;
        } else {
            builder.body(body);
        }
    }
    return cfg;
}

} // namespace vigil::analysis::flow

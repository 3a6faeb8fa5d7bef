#include "analysis/flow/engine.hpp"

#include "analysis/flow/cfg.hpp"
#include "analysis/flow/value.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <deque>
#include <set>
#include <tuple>
#include <unordered_map>

namespace vigil::analysis::flow {

namespace {

using models::sink_bit;
using models::SinkKind;
using syntax::child_by_field;
using syntax::node_type;

constexpr int max_expression_depth = 120; // deeper expressions are not followed (unknown)
constexpr std::size_t max_visits_per_block = 40;
constexpr std::size_t max_path_steps = 16;

// Thrown when a function's work passes the budget; caught per function.
struct OutOfBudget {};

std::string shorten(std::string_view text) {
    constexpr std::size_t limit = 48;
    std::string result;
    for (const char c : text.substr(0, limit)) {
        result += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    if (text.size() > limit) {
        result += "...";
    }
    return result;
}

bool is_one_of(std::string_view name, std::span<const std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// A regular expression that, matched as a whole, lets through only letters, digits, `_` and
// `-`: nothing a path (`.`, `/`), a shell, SQL, HTML or a header line could use. `\w` and `\d` are
// fine; `.`, a negated class, `\s` and any other character are not. With `re.match` the pattern
// must end in `\Z` (`$` also matches before a final newline).
bool is_restrictive_pattern(std::string_view pattern, bool must_end_anchor) {
    if (pattern.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            const char next = pattern[++i];
            if (next != 'w' && next != 'd' && next != 'A' && next != 'Z' && next != '-' &&
                next != 'b') {
                return false;
            }
            continue;
        }
        if (c == '[' && i + 1 < pattern.size() && pattern[i + 1] == '^') {
            return false;
        }
        const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
        const bool syntax = std::string_view("^$[]+*?{},|()").find(c) != std::string_view::npos;
        if (!word && !syntax) {
            return false;
        }
    }
    return !must_end_anchor || pattern.ends_with("\\Z");
}

// Whether `%`-formatting with this template can only put numbers in.
bool formats_only_numbers(std::string_view format) {
    bool any = false;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            continue;
        }
        ++i;
        if (i < format.size() && format[i] == '%') {
            continue;
        }
        while (i < format.size() &&
               std::string_view("#0- +.123456789*(lhL").find(format[i]) != std::string_view::npos) {
            if (format[i] == '(') {
                return false; // %(name)s mappings: not followed
            }
            ++i;
        }
        if (i >= format.size() ||
            std::string_view("diouxXeEfFgG").find(format[i]) == std::string_view::npos) {
            return false;
        }
        any = true;
    }
    return any;
}

struct TraceNode {
    TSNode node{};
    std::string message;
    std::uint32_t previous = no_trace;
};

class Engine {
public:
    Engine(const SemanticModel& model, const models::Models& models, const FlowOptions& options)
        : model_(model), models_(models), options_(options) {
        for (std::uint32_t i = 0; i < model.definitions().size(); ++i) {
            definition_by_target_[model.definitions()[i].target.id] = i;
        }
        definition_values_.resize(model.definitions().size());
        imports_ = [&] {
            std::uint8_t flags = 0;
            if (model.imports_module("django") || model.imports_module("rest_framework")) {
                flags |= imports_django;
            }
            if (model.imports_module("aiohttp")) {
                flags |= imports_aiohttp;
            }
            if (model.imports_module("flask") || model.imports_module("fastapi") ||
                model.imports_module("quart") || model.imports_module("starlette") ||
                model.imports_module("bottle") || model.imports_module("sanic")) {
                flags |= imports_router;
            }
            return flags;
        }();
    }

    FlowResult run() {
        find_source_roots();
        analyse_unit(nullptr);
        for (const Function& function : model_.functions()) {
            analyse_unit(&function);
        }
        drop_outer_hits();
        return std::move(result_);
    }

    // One finding per problem: `execute(text(q))`, `return make_response(html)` reach the outer
    // sink only through the inner one, which is where the data does harm.
    void drop_outer_hits() {
        auto& hits = result_.hits;
        // The sinks by kind and start, to find those inside an argument without a quadratic
        // search.
        std::vector<std::tuple<int, uint32_t, uint32_t, std::size_t>> sinks;
        sinks.reserve(hits.size());
        for (std::size_t j = 0; j < hits.size(); ++j) {
            sinks.emplace_back(static_cast<int>(hits[j].kind), ts_node_start_byte(hits[j].sink),
                               ts_node_end_byte(hits[j].sink), j);
        }
        std::sort(sinks.begin(), sinks.end());
        std::vector<bool> outer(hits.size(), false);
        for (std::size_t i = 0; i < hits.size(); ++i) {
            const int kind = static_cast<int>(hits[i].kind);
            const uint32_t start = ts_node_start_byte(hits[i].argument);
            const uint32_t end = ts_node_end_byte(hits[i].argument);
            for (auto it =
                     std::lower_bound(sinks.begin(), sinks.end(),
                                      std::make_tuple(kind, start, uint32_t{0}, std::size_t{0}));
                 it != sinks.end() && std::get<0>(*it) == kind && std::get<1>(*it) < end; ++it) {
                if (std::get<3>(*it) != i && std::get<2>(*it) <= end) {
                    outer[i] = true;
                    break;
                }
            }
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < hits.size(); ++i) {
            if (!outer[i]) {
                if (kept != i) {
                    hits[kept] = std::move(hits[i]);
                }
                ++kept;
            }
        }
        hits.resize(kept);
    }

private:
    static constexpr std::uint8_t imports_django = 1;
    static constexpr std::uint8_t imports_aiohttp = 2;
    static constexpr std::uint8_t imports_router = 4;

    // ------------------------------------------------------------------------------------------
    // Units

    static bool no_return_call(TSNode call, const void* context) {
        const auto* engine = static_cast<const Engine*>(context);
        const CallView& view = engine->model_.call(call);
        return is_one_of(engine->model_.qualified_name(view.callee), engine->models_.no_return);
    }

    // ------------------------------------------------------------------------------------------
    // What can bring untrusted data into a unit, so that units without it are not analysed

    bool follows(models::SourceKind kind) const { return (options_.sources & kind) != 0; }

    // The names whose reading may bring in untrusted data: the local names of imported sources
    // (`request` from `from flask import request`, `sys` for `sys.argv`, `urlopen`), the builtin
    // sources (`input`) and the methods that read the network (`recv`).
    void find_source_roots() {
        auto rooted = [](std::string_view imported, std::string_view source) {
            return imported == source ||
                   (source.starts_with(imported) && source[imported.size()] == '.') ||
                   (imported.starts_with(source) && imported[source.size()] == '.');
        };
        for (const Definition& definition : model_.definitions()) {
            if (definition.kind != Definition::Kind::Import) {
                continue;
            }
            bool source = false;
            for (const models::NameSource& row : models_.name_sources) {
                source = source || (follows(row.kind) && rooted(definition.qualified, row.name));
            }
            for (const models::CallSource& row : models_.call_sources) {
                source = source || (follows(row.kind) && rooted(definition.qualified, row.name));
            }
            for (const std::string& extra : models_.extra_source_names) {
                source = source || rooted(definition.qualified, extra);
            }
            if (source) {
                source_roots_.push_back(definition.name);
            }
        }
        for (const models::CallSource& row : models_.call_sources) {
            if (follows(row.kind) && row.name.find('.') == std::string_view::npos) {
                source_roots_.push_back(row.name); // a builtin: input()
            }
        }
        for (const models::MethodSource& row : models_.method_sources) {
            if (follows(row.kind) && imports_any(row.evidence)) {
                source_roots_.push_back(row.method);
            }
        }
        const TSLanguage* language = tree_sitter_python();
        identifier_symbol_ = ts_language_symbol_for_name(language, "identifier", 10, true);
    }

    // Whether a unit reads any name that may bring untrusted data in: a source root, or a
    // variable of another unit that was given some.
    bool may_read_untrusted(TSNode node) const {
        if (source_roots_.empty() && tainted_names_.empty()) {
            return false; // nothing to look for: most files import no source at all
        }
        const auto& index = model_.index();
        const auto slot = index.find(node);
        if (!slot) {
            return true; // not indexed: cannot tell cheaply, analyse it
        }
        const auto& entries = index.entries();
        const std::uint32_t depth = entries[*slot].depth;
        for (std::size_t i = *slot; i < entries.size(); ++i) {
            const syntax::NodeIndex::Entry& entry = entries[i];
            if (i != *slot && entry.depth <= depth) {
                break; // past the unit's last descendant
            }
            if (entry.symbol != identifier_symbol_) {
                continue;
            }
            const std::string_view name = model_.text(entry.node);
            if (is_one_of(name, source_roots_) ||
                std::find(tainted_names_.begin(), tainted_names_.end(), name) !=
                    tainted_names_.end()) {
                return true;
            }
        }
        return false;
    }

    static bool carries_anything(const Value& value) {
        if (value.request_object != 0 || value.taint.tainted()) {
            return true;
        }
        for (const auto& [key, part] : value.parts) {
            if (carries_anything(part)) {
                return true;
            }
        }
        return false;
    }

    void analyse_unit(const Function* function) {
        if (spent_file_ > options_.file_budget) {
            result_.complete = false;
            return; // the file's budget is spent: the rest stays unknown
        }
        is_route_ = false;
        State initial;
        bool receives = false;
        if (function) {
            enter_function(*function, initial);
            for (const auto& [name, value] : initial.variables) {
                receives = receives || carries_anything(value);
            }
        }
        if (!receives && !may_read_untrusted(function ? function->node : model_.root())) {
            return; // nothing untrusted can reach anything here
        }
        const TSNode body = function ? function->node : model_.root();
        CfgOptions cfg_options;
        cfg_options.is_no_return = &Engine::no_return_call;
        cfg_options.context = this;
        const Cfg cfg = build_cfg(body, cfg_options);
        if (!cfg.complete) {
            result_.complete = false;
        }
        const std::size_t hits_before = result_.hits.size();
        try {
            solve(cfg, initial);
            ++result_.functions_analysed;
        } catch (const OutOfBudget&) {
            // Given up: its hits would be partial, so none are kept.
            // Its traces stay: values it gave other units' variables point at them.
            result_.hits.resize(hits_before);
            result_.complete = false;
        }
        spent_file_ += spent_unit_;
        spent_unit_ = 0;
    }

    void solve(const Cfg& cfg, const State& initial) {
        std::vector<std::optional<State>> entry(cfg.blocks.size());
        std::vector<std::size_t> visits(cfg.blocks.size(), 0);
        std::vector<bool> widened(cfg.blocks.size(), false);
        entry[Cfg::entry] = initial;
        std::set<std::uint32_t> worklist{Cfg::entry}; // lowest block first: roughly program order
        collecting_ = false;
        while (!worklist.empty()) {
            const std::uint32_t id = *worklist.begin();
            worklist.erase(worklist.begin());
            ++visits[id];
            if (visits[id] == max_visits_per_block) {
                // Still moving: widen (every value to its whole taint, safe for nothing, no
                // constant), which settles at once, rather than give the function up.
                widened[id] = true;
                widen(*entry[id]);
            } else if (visits[id] > 2 * max_visits_per_block) {
                throw OutOfBudget{};
            }
            State state = *entry[id];
            const Block& block = cfg.blocks[id];
            for (const Step& step : block.steps) {
                execute(step, state);
            }
            for (const Edge& edge : block.successors) {
                State out = state;
                if (edge.kind == EdgeKind::True || edge.kind == EdgeKind::False) {
                    const bool polarity = edge.kind == EdgeKind::True;
                    State scratch = state;
                    const Value test = eval(edge.condition, scratch, 0);
                    if (test.constant && test.constant->truth() != polarity) {
                        continue; // a branch this test never takes
                    }
                    refine(edge.condition, polarity, out, 0);
                }
                if (!entry[edge.target]) {
                    entry[edge.target] = std::move(out);
                    worklist.insert(edge.target);
                } else if (widened[edge.target]) {
                    State joined = *entry[edge.target];
                    join_into(joined, out);
                    widen(joined);
                    if (!joined.same(*entry[edge.target])) {
                        entry[edge.target] = std::move(joined);
                        worklist.insert(edge.target);
                    }
                } else if (join_into(*entry[edge.target], out)) {
                    worklist.insert(edge.target);
                }
            }
        }
        // The fixpoint is reached: one more pass over every reachable block reports the sinks.
        collecting_ = true;
        for (std::uint32_t id = 0; id < cfg.blocks.size(); ++id) {
            if (!entry[id]) {
                continue;
            }
            State state = *entry[id];
            for (const Step& step : cfg.blocks[id].steps) {
                execute(step, state);
            }
        }
        collecting_ = false;
    }

    static void widen(State& state) {
        for (auto& [name, value] : state.variables) {
            Taint taint = value.flat();
            taint.cleared = 0;
            taint.normalized = false;
            const std::uint8_t request_object = value.request_object;
            value = Value::of(taint);
            value.request_object = request_object;
        }
    }

    // The state at a function's start: what each parameter holds.
    void enter_function(const Function& function, State& state) {
        is_route_ = (imports_ & imports_router) && has_route_decorator(function);
        const std::size_t count = function.parameters.size();
        for (std::size_t i = 0; i < count; ++i) {
            const Parameter& parameter = function.parameters[i];
            state.variables[parameter.name] = parameter_value(function, i);
        }
    }

    bool has_route_decorator(const Function& function) const {
        for (const TSNode decorator : function.decorators) {
            if (node_type(decorator) != "call") {
                continue;
            }
            const std::string_view method = model_.call(decorator).method;
            if (method == "route" || method == "get" || method == "post" || method == "put" ||
                method == "delete" || method == "patch" || method == "api_route" ||
                method == "websocket") {
                return true;
            }
        }
        return false;
    }

    std::uint8_t request_object(models::HandlerKind kind) const {
        for (std::size_t i = 0; i < models_.request_objects.size(); ++i) {
            if (models_.request_objects[i].handler == kind) {
                return static_cast<std::uint8_t>(i + 1);
            }
        }
        return 0;
    }

    bool class_extends(const Function& function, std::span<const std::string_view> bases,
                       bool by_text) const {
        if (function.enclosing_class == SIZE_MAX) {
            return false;
        }
        for (const TSNode base : model_.classes()[function.enclosing_class].bases) {
            const std::string& qualified = model_.qualified_name(base);
            for (const std::string_view wanted : bases) {
                if (qualified == wanted ||
                    (by_text && model_.text(base).find(wanted) != std::string_view::npos)) {
                    return true;
                }
            }
        }
        return false;
    }

    Value remote_parameter(const Parameter& parameter, std::string message) {
        // A parameter typed as a number or flag is converted (and validated) by the framework.
        const std::string_view annotation = model_.text(parameter.annotation);
        if (annotation == "int" || annotation == "float" || annotation == "bool" ||
            annotation == "UUID" || annotation == "uuid.UUID" || annotation == "date" ||
            annotation == "datetime") {
            return Value::clean();
        }
        // FastAPI dependencies are values the application makes, not the client.
        if (!ts_node_is_null(parameter.default_value) &&
            node_type(parameter.default_value) == "call") {
            const std::string& made_by =
                model_.qualified_name(model_.call(parameter.default_value).callee);
            if (made_by.ends_with("Depends") || made_by.ends_with("Security")) {
                return Value::clean();
            }
        }
        return source(parameter.node, models::Remote, std::move(message));
    }

    // A class-based view's handler method (`get`, `post` ... of a View, APIView or ViewSet),
    // whose named parameters after `request` are the URL's parts. A function view's are too, but
    // which functions are views only the URL configuration says (not read yet): a function that
    // merely takes `request` first may be any helper, so its other parameters stay unknown.
    bool is_class_view_handler(const Function& function) const {
        static constexpr std::string_view handlers[] = {"get",    "post", "put",     "patch",
                                                        "delete", "head", "options", "dispatch"};
        static constexpr std::string_view view_bases[] = {"View", "APIView", "ViewSet"};
        return function.enclosing_class != SIZE_MAX && is_one_of(function.name, handlers) &&
               class_extends(function, view_bases, true);
    }

    // Where a Django view takes its request (0, or 1 after self); SIZE_MAX when it has none.
    static std::size_t django_request_index(const Function& function) {
        const std::size_t at = function.enclosing_class != SIZE_MAX ? 1 : 0;
        return at < function.parameters.size() && function.parameters[at].name == "request"
                   ? at
                   : SIZE_MAX;
    }

    Value parameter_value(const Function& function, std::size_t index) {
        const Parameter& parameter = function.parameters[index];
        const bool is_self = index == 0 && function.enclosing_class != SIZE_MAX &&
                             (parameter.name == "self" || parameter.name == "cls");
        static constexpr std::string_view http_server_bases[] = {
            "http.server.BaseHTTPRequestHandler", "http.server.SimpleHTTPRequestHandler",
            "http.server.CGIHTTPRequestHandler", "BaseHTTPServer.BaseHTTPRequestHandler",
            "SimpleHTTPServer.SimpleHTTPRequestHandler"};
        static constexpr std::string_view django_view_bases[] = {"View", "APIView", "ViewSet"};
        if (is_self && class_extends(function, http_server_bases, false)) {
            Value self;
            self.request_object = request_object(models::HandlerKind::HttpServer);
            return self;
        }
        if (is_self && (imports_ & imports_django) &&
            class_extends(function, django_view_bases, true)) {
            // A class-based view: self.request is the request, self.kwargs the URL's parts.
            Value self;
            Value& request = self.part_for_update(".request");
            request.request_object = request_object(models::HandlerKind::DjangoView);
            self.part_for_update(".kwargs") =
                remote_parameter(parameter, "`self.kwargs` of a view comes from the URL");
            return self;
        }
        if (is_self) {
            return Value::clean();
        }
        const bool first_argument =
            index == 0 || (index == 1 && function.enclosing_class != SIZE_MAX);
        if (parameter.name == "request" && first_argument) {
            if (imports_ & imports_django) {
                Value request;
                request.request_object = request_object(models::HandlerKind::DjangoView);
                return request;
            }
            if ((imports_ & imports_aiohttp) && function.is_async) {
                Value request;
                request.request_object = request_object(models::HandlerKind::AiohttpHandler);
                return request;
            }
        }
        if (is_route_) {
            const std::string_view annotation = model_.text(parameter.annotation);
            if (annotation == "Request" || annotation.ends_with(".Request")) {
                return Value::of(remote_parameter(parameter, "the request").taint);
            }
            return remote_parameter(parameter, "parameter `" + std::string(parameter.name) +
                                                   "` of a route comes from the request");
        }
        if ((imports_ & imports_django) && index > django_request_index(function) &&
            is_class_view_handler(function) && ts_node_is_null(parameter.default_value) &&
            (parameter.kind == Parameter::Kind::Positional ||
             parameter.kind == Parameter::Kind::KeywordOnly)) {
            // The named parameters of a class-based view's handler are the URL's parts.
            return remote_parameter(parameter, "parameter `" + std::string(parameter.name) +
                                                   "` of a view comes from the URL");
        }
        return Value::clean();
    }

    // ------------------------------------------------------------------------------------------
    // Paths

    std::uint32_t trace(TSNode node, std::string message, std::uint32_t previous) {
        traces_.push_back({node, std::move(message), previous});
        return static_cast<std::uint32_t>(traces_.size() - 1);
    }

    Value source(TSNode node, models::SourceKind kind, std::string message) {
        if (!follows(kind)) {
            return Value::clean(); // a kind of data the configuration does not follow
        }
        Taint taint;
        taint.labels = kind;
        taint.trace = trace(node, std::move(message), no_trace);
        return Value::of(taint);
    }

    std::vector<PathStep> path_to(std::uint32_t last) const {
        std::vector<PathStep> steps;
        for (std::uint32_t at = last; at != no_trace && at < traces_.size();
             at = traces_[at].previous) {
            steps.push_back({traces_[at].node, traces_[at].message});
        }
        std::reverse(steps.begin(), steps.end());
        if (steps.size() > max_path_steps) {
            // Keep where it entered and the last steps before the sink.
            steps.erase(steps.begin() + 1, steps.begin() + static_cast<std::ptrdiff_t>(
                                                               steps.size() - max_path_steps + 1));
        }
        return steps;
    }

    void report(SinkKind kind, TSNode sink, TSNode argument, const Taint& taint,
                std::string sink_name) {
        if (!collecting_ || !taint.reaches(kind)) {
            return;
        }
        const auto key = std::make_tuple(sink.id, static_cast<int>(kind), argument.id);
        if (!reported_.insert(key).second) {
            return;
        }
        FlowHit hit;
        hit.kind = kind;
        hit.sink = sink;
        hit.argument = argument;
        hit.sources = taint.labels;
        hit.path = path_to(taint.trace);
        hit.path.push_back({argument, "reaches " + sink_name + " here"});
        hit.sink_name = std::move(sink_name);
        result_.hits.push_back(std::move(hit));
    }

    // ------------------------------------------------------------------------------------------
    // Statements

    void execute(const Step& step, State& state) {
        switch (step.kind) {
        case StepKind::Statement:
            statement(step.node, state);
            break;
        case StepKind::Evaluate:
            eval(step.node, state, 0);
            break;
        case StepKind::ForBind: {
            const Value iterable = eval(child_by_field(step.node, "right"), state, 0);
            assign(child_by_field(step.node, "left"), element_of(iterable), state);
            break;
        }
        case StepKind::WithBind: {
            const TSNode pattern = child_by_field(step.node, "value");
            const Value manager = eval(syntax::named_child(pattern, 0), state, 0);
            const TSNode alias = child_by_field(pattern, "alias");
            assign(syntax::named_child(alias, 0), manager, state);
            break;
        }
        case StepKind::ExceptBind: {
            const TSNode caught = syntax::named_child(step.node, 0);
            if (!ts_node_is_null(caught) && node_type(caught) == "as_pattern") {
                const TSNode alias = child_by_field(caught, "alias");
                assign(syntax::named_child(alias, 0), Value::clean(), state);
            }
            break;
        }
        case StepKind::CaseBind:
            bind_captures(step.node, state);
            break;
        case StepKind::Return: {
            const TSNode value = node_type(step.node) == "return_statement"
                                     ? syntax::named_child(step.node, 0)
                                     : step.node;
            const Value returned = eval(value, state, 0);
            if (is_route_ && model_.imports_module("flask") && builds_text(value, 0)) {
                // A Flask view's string is sent as HTML.
                report(SinkKind::Xss, step.node, value, returned.flat(),
                       "the response of a Flask view");
            }
            break;
        }
        }
    }

    // Whether an expression builds a string (an f-string, `+`, `%`, `format`, `join`, or a name
    // bound once to one): what a Flask view returns that way is sent as HTML. A call's result
    // (`send_file(...)`, `redirect(...)`, `str(obj)`) is a response or a value's text, not markup
    // put together here.
    bool builds_text(TSNode expression, int depth) const {
        expression = syntax::unparenthesized(expression);
        if (ts_node_is_null(expression) || depth > 8) {
            return false;
        }
        const std::string_view type = node_type(expression);
        if (type == "string" || type == "concatenated_string") {
            return true;
        }
        if (type == "binary_operator") {
            const std::string_view op = model_.text(child_by_field(expression, "operator"));
            return op == "+" || op == "%";
        }
        if (type == "call") {
            const std::string_view method = model_.call(expression).method;
            return method == "format" || method == "join";
        }
        if (type == "conditional_expression") {
            return builds_text(syntax::named_child(expression, 0), depth + 1) ||
                   builds_text(syntax::named_child(expression, 2), depth + 1);
        }
        if (type == "identifier") {
            const Binding* binding = model_.resolve(expression);
            if (!binding) {
                return false;
            }
            for (const std::uint32_t index : binding->definitions) {
                const Definition& definition = model_.definitions()[index];
                if ((definition.kind == Definition::Kind::Assignment ||
                     definition.kind == Definition::Kind::AugmentedAssignment) &&
                    builds_text(definition.value, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    void bind_captures(TSNode clause, State& state) {
        const TSNode match = syntax::parent(syntax::parent(clause));
        const Value subject = element_of(eval(child_by_field(match, "subject"), state, 0));
        for (const Definition* definition :
             definitions_in(clause, Definition::Kind::MatchCapture)) {
            state.variables[definition->name] = subject;
        }
    }

    void statement(TSNode node, State& state) {
        const std::string_view type = node_type(node);
        if (type == "expression_statement") {
            const uint32_t count = syntax::named_child_count(node);
            for (uint32_t i = 0; i < count; ++i) {
                expression_statement(syntax::named_child(node, i), state);
            }
        } else if (type == "function_definition" || type == "class_definition") {
            state.variables[model_.text(child_by_field(node, "name"))] = Value::clean();
        } else if (type == "decorated_definition") {
            statement(child_by_field(node, "definition"), state);
        } else if (type == "import_statement" || type == "import_from_statement" ||
                   type == "future_import_statement") {
            // A module (or what it exports) replaces any local value; it holds no request data,
            // and names read through it are looked up as qualified names (`sys.argv`).
            for (const Definition* definition : definitions_in(node, Definition::Kind::Import)) {
                state.variables.erase(definition->name);
            }
        } else if (type == "delete_statement") {
            const TSNode target = syntax::named_child(node, 0);
            if (!ts_node_is_null(target) && node_type(target) == "identifier") {
                state.variables.erase(model_.text(target));
            } else if (!ts_node_is_null(target) && node_type(target) == "subscript") {
                if (Value* holder = element_for_update(child_by_field(target, "value"), state, 0)) {
                    shuffled(*holder); // `del l[0]` moves the rest
                }
            }
        } else if (type == "global_statement" || type == "nonlocal_statement" ||
                   type == "pass_statement") {
            // nothing flows
        } else {
            // assert, raise, print, exec and anything else: evaluated for its sinks.
            const uint32_t count = syntax::named_child_count(node);
            for (uint32_t i = 0; i < count; ++i) {
                eval(syntax::named_child(node, i), state, 0);
            }
        }
    }

    // The definitions whose target lies in `node`, of one kind. Definitions are recorded in
    // document order of their targets, so a binary search finds the first.
    std::vector<const Definition*> definitions_in(TSNode node, Definition::Kind kind) const {
        std::vector<const Definition*> found;
        const uint32_t start = ts_node_start_byte(node);
        const uint32_t end = ts_node_end_byte(node);
        const auto& definitions = model_.definitions();
        auto it = std::lower_bound(definitions.begin(), definitions.end(), start,
                                   [](const Definition& definition, uint32_t offset) {
                                       return ts_node_start_byte(definition.target) < offset;
                                   });
        for (; it != definitions.end() && ts_node_start_byte(it->target) < end; ++it) {
            if (it->kind == kind) {
                found.push_back(&*it);
            }
        }
        return found;
    }

    void expression_statement(TSNode node, State& state) {
        const std::string_view type = node_type(node);
        if (type == "assignment") {
            assignment(node, state);
        } else if (type == "augmented_assignment") {
            const TSNode target = child_by_field(node, "left");
            const Value current = eval(target, state, 0);
            const Value added = eval(child_by_field(node, "right"), state, 0);
            Value result = Value::of(join(current.flat(), added.flat()));
            std::string op(model_.text(child_by_field(node, "operator")));
            if (!op.empty() && op.back() == '=') {
                op.pop_back();
            }
            if (current.constant && added.constant) {
                result.constant = fold_binary(*current.constant, op, *added.constant);
            }
            assign(target, result, state);
        } else {
            eval(node, state, 0);
        }
    }

    // Returns the value assigned, for chains (`a = b = v`).
    Value assignment(TSNode node, State& state) {
        const TSNode right = child_by_field(node, "right");
        if (ts_node_is_null(right)) {
            return Value::clean(); // `x: int` binds nothing
        }
        const Value value =
            node_type(right) == "assignment" ? assignment(right, state) : eval(right, state, 0);
        assign(child_by_field(node, "left"), value, state);
        return value;
    }

    void assign(TSNode target, const Value& value, State& state) {
        if (ts_node_is_null(target)) {
            return;
        }
        const std::string_view type = node_type(target);
        if (type == "identifier") {
            const std::string_view name = model_.text(target);
            Value stored = value;
            if (stored.taint.tainted()) {
                stored.taint.trace =
                    trace(target, "flows into `" + std::string(name) + "`", stored.taint.trace);
            }
            stored.limit();
            if (collecting_) {
                record_definition(target, stored);
            }
            state.variables[name] = std::move(stored);
            return;
        }
        if (type == "pattern_list" || type == "tuple_pattern" || type == "list_pattern" ||
            type == "tuple" || type == "list" || type == "parenthesized_expression") {
            const uint32_t count = syntax::named_child_count(target);
            bool starred = false;
            for (uint32_t i = 0; i < count; ++i) {
                const std::string_view element_type = node_type(syntax::named_child(target, i));
                starred =
                    starred || element_type == "list_splat_pattern" || element_type == "list_splat";
            }
            std::size_t position = 0;
            for (uint32_t i = 0; i < count; ++i) {
                const TSNode element = syntax::named_child(target, i);
                if (node_type(element) == "comment") {
                    continue;
                }
                const Value* known =
                    starred ? nullptr : value.part("[" + std::to_string(position++) + "]");
                assign(element, known ? *known : element_of(value), state);
            }
            return;
        }
        if (type == "list_splat_pattern" || type == "list_splat") {
            assign(syntax::named_child(target, 0), Value::of(value.flat()), state);
            return;
        }
        if (type == "attribute" || type == "subscript") {
            store_element(target, value, state);
        }
    }

    void record_definition(TSNode target, const Value& value) {
        const auto it = definition_by_target_.find(target.id);
        if (it == definition_by_target_.end()) {
            return;
        }
        // Another unit reads it as a whole: its elements need not be kept.
        Value whole = Value::of(value.flat());
        whole.constant = value.constant;
        whole.request_object = value.request_object;
        auto& slot = definition_values_[it->second];
        slot = slot ? join(*slot, whole) : whole;
        if (carries_anything(*slot)) {
            const std::string_view name = model_.text(target);
            if (std::find(tainted_names_.begin(), tainted_names_.end(), name) ==
                tainted_names_.end()) {
                tainted_names_.push_back(name);
            }
        }
    }

    // `obj.attr = v`, `obj[key] = v`: the element of a local object, replaced (or, under a key
    // not known, added to the whole). Also where response headers and sessions are written.
    void store_element(TSNode target, const Value& value, State& state) {
        const std::string_view type = node_type(target);
        const TSNode object = child_by_field(target, type == "attribute" ? "object" : "value");
        std::string key;
        if (type == "attribute") {
            key = "." + std::string(model_.text(child_by_field(target, "attribute")));
        } else {
            const Value subscript = eval(child_by_field(target, "subscript"), state, 0);
            if (subscript.constant) {
                key = subscript_key(*subscript.constant);
            }
            // Response headers and the session are sinks when written to.
            const std::string& owner = model_.qualified_name(object);
            if (owner == "flask.session" || owner == "quart.session") {
                report(SinkKind::TrustBoundary, target, target, value.flat(), "the session");
            } else if (node_type(object) == "attribute" &&
                       model_.text(child_by_field(object, "attribute")) == "headers") {
                report(SinkKind::Header, target, target, value.flat(), "a response header");
            }
        }
        Value* holder = element_for_update(object, state, 0);
        if (!holder) {
            return;
        }
        if (key.empty()) {
            // Under a key not known here: any element may now hold it.
            weaken(*holder, value.flat());
        } else {
            holder->part_for_update(key) = value;
        }
        limit_root(object, state);
    }

    // A list whose elements moved (insert, pop, del, reverse, sort): what is at each position is
    // no longer known, only what the whole holds.
    static void shuffled(Value& value) {
        value.taint = value.flat();
        std::erase_if(value.parts, [](const auto& part) { return part.first.starts_with("["); });
        value.constant.reset();
    }

    // Joins `taint` into a value and every element of it (a store whose key is unknown).
    static void weaken(Value& value, const Taint& taint) {
        value.taint = join(value.taint, taint);
        for (auto& [key, part] : value.parts) {
            weaken(part, taint);
        }
    }

    // After a store into an element: the variable it is in stays within the bounds.
    void limit_root(TSNode expression, State& state) {
        const std::string_view root = root_name(syntax::unparenthesized(expression));
        if (const auto it = state.variables.find(root); it != state.variables.end()) {
            it->second.limit();
        }
    }

    // The value an access path (`x`, `x.a`, `x['k']`) names in the state, made if need be.
    Value* element_for_update(TSNode expression, State& state, int depth) {
        expression = syntax::unparenthesized(expression);
        if (ts_node_is_null(expression) || depth > 4) {
            return nullptr;
        }
        const std::string_view type = node_type(expression);
        if (type == "identifier") {
            const std::string_view name = model_.text(expression);
            auto it = state.variables.find(name);
            if (it == state.variables.end()) {
                it = state.variables.emplace(name, lookup_outside(expression)).first;
            }
            return &it->second;
        }
        if (type == "attribute") {
            Value* object =
                element_for_update(child_by_field(expression, "object"), state, depth + 1);
            if (!object) {
                return nullptr;
            }
            return &object->part_for_update(
                "." + std::string(model_.text(child_by_field(expression, "attribute"))));
        }
        if (type == "subscript") {
            State scratch = state;
            const Value key = eval(child_by_field(expression, "subscript"), scratch, 0);
            if (!key.constant || subscript_key(*key.constant).empty()) {
                return nullptr;
            }
            Value* object =
                element_for_update(child_by_field(expression, "value"), state, depth + 1);
            return object ? &object->part_for_update(subscript_key(*key.constant)) : nullptr;
        }
        return nullptr;
    }

    // ------------------------------------------------------------------------------------------
    // Guards: what a test that held (or failed) says about the values it tested.

    void refine(TSNode test, bool polarity, State& state, int depth) {
        test = syntax::unparenthesized(test);
        if (ts_node_is_null(test) || depth > 8) {
            return;
        }
        const std::string_view type = node_type(test);
        if (type == "not_operator") {
            refine(child_by_field(test, "argument"), !polarity, state, depth + 1);
            return;
        }
        auto clean = [&](TSNode expression, models::SinkKinds kinds) {
            if (Value* value = element_for_update(expression, state, 0)) {
                clear(*value, kinds);
                if (!value->parsed_from.empty()) {
                    auto origin = state.variables.find(value->parsed_from);
                    if (origin != state.variables.end()) {
                        clear(origin->second, kinds);
                    }
                }
            }
        };
        constexpr models::SinkKinds url_kinds =
            sink_bit(SinkKind::Redirect) | sink_bit(SinkKind::Ssrf);
        if (!polarity && (type == "identifier" || type == "attribute" || type == "subscript")) {
            // `if not name: return` / the False edge of `if name:`: an empty string, None or 0
            // carries nothing.
            clean(test, models::all_sink_kinds);
            return;
        }
        if (type == "comparison_operator" && syntax::named_child_count(test) == 2) {
            const TSNode left = syntax::named_child(test, 0);
            const TSNode right = syntax::named_child(test, 1);
            std::string op;
            for (uint32_t i = 0; i < syntax::child_count(test); ++i) {
                const TSNode child = syntax::child(test, i);
                if (!ts_node_is_named(child)) {
                    op += op.empty() ? "" : " ";
                    op += model_.text(child);
                }
            }
            State scratch = state;
            const Value left_value = eval(left, scratch, 0);
            const Value right_value = eval(right, scratch, 0);
            const bool holds_in = (op == "in" && polarity) || (op == "not in" && !polarity);
            const bool holds_equal = (op == "==" && polarity) || (op == "!=" && !polarity);
            const bool fails_in = (op == "in" && !polarity) || (op == "not in" && polarity);
            if ((holds_in && right_value.constant && right_value.constant->is_container()) ||
                (holds_equal && right_value.constant)) {
                // x in ALLOWED, x == "fixed": x is one of the program's own values.
                clean(left, models::all_sink_kinds);
                clean_url_part(left, state, url_kinds);
            } else if (holds_equal && left_value.constant) {
                clean(right, models::all_sink_kinds);
            } else if (fails_in && left_value.constant && left_value.constant->is_text() &&
                       left_value.constant->text.find("..") != std::string::npos) {
                clean(right, sink_bit(SinkKind::Path)); // '..' not in path
            } else if (holds_in && right_value.constant) {
                clean_url_part(left, state, url_kinds); // netloc in ("a.com", ...)
            }
            return;
        }
        if (type != "call" || !polarity) {
            return;
        }
        const CallView& view = model_.call(test);
        const std::string_view method = view.method;
        if (method == "isdigit" || method == "isnumeric" || method == "isdecimal" ||
            method == "isalnum" || method == "isalpha" || method == "isidentifier") {
            clean(view.receiver, models::all_sink_kinds);
            return;
        }
        if (method == "startswith" || method == "is_relative_to") {
            State scratch = state;
            const Value receiver = eval(view.receiver, scratch, 0);
            if (receiver.taint.normalized) {
                clean(view.receiver, sink_bit(SinkKind::Path));
            }
            return;
        }
        const std::string& name = model_.qualified_name(view.callee);
        if (name == "isinstance") {
            const std::string_view kind = model_.text(view.argument(1));
            if (kind == "int" || kind == "float" || kind == "bool") {
                clean(view.argument(0), models::all_sink_kinds);
            }
            return;
        }
        if (name == "re.fullmatch" || name == "re.match") {
            const auto pattern = model_.constant_value(view.argument(0, "pattern"));
            if (pattern && pattern->kind == Constant::Kind::String &&
                is_restrictive_pattern(pattern->text, name == "re.match")) {
                clean(view.argument(1, "string"), models::all_sink_kinds);
            }
            return;
        }
        if (method == "fullmatch" || method == "match") {
            // PATTERN.fullmatch(x) with PATTERN = re.compile("...") once.
            const TSNode compiled = model_.single_value(view.receiver);
            if (!ts_node_is_null(compiled) && node_type(compiled) == "call") {
                const CallView& made = model_.call(compiled);
                const auto pattern = model_.constant_value(made.argument(0, "pattern"));
                if (model_.qualified_name(made.callee) == "re.compile" && pattern &&
                    pattern->kind == Constant::Kind::String &&
                    is_restrictive_pattern(pattern->text, method == "match")) {
                    clean(view.argument(0, "string"), models::all_sink_kinds);
                }
            }
            return;
        }
        if (name.ends_with("url_has_allowed_host_and_scheme") || name.ends_with("is_safe_url")) {
            clean(view.argument(0, "url"), url_kinds);
            return;
        }
        // A predicate the program wrote to validate its argument (`is_valid_name(x)`,
        // `is_safe_path(p)`, `validate_path(p)`): where it held, the first argument passed.
        const std::string_view last = std::string_view(name).substr(name.rfind('.') + 1);
        if ((last.starts_with("is_valid") || last.starts_with("is_safe") ||
             last.starts_with("validate") || is_one_of(name, models_.validators)) &&
            !view.positional.empty()) {
            clean(view.positional.front(), models::all_sink_kinds);
        }
    }

    // `urlparse(u).netloc == host` / `parsed.netloc in ALLOWED`: the URL it was parsed from is
    // safe to fetch and to redirect to.
    void clean_url_part(TSNode expression, State& state, models::SinkKinds kinds) {
        expression = syntax::unparenthesized(expression);
        if (ts_node_is_null(expression) || node_type(expression) != "attribute") {
            return;
        }
        const std::string_view part = model_.text(child_by_field(expression, "attribute"));
        if (part != "netloc" && part != "hostname" && part != "host") {
            return;
        }
        const TSNode parsed = syntax::unparenthesized(child_by_field(expression, "object"));
        if (ts_node_is_null(parsed)) {
            return;
        }
        if (node_type(parsed) == "call") {
            const CallView& view = model_.call(parsed);
            const std::string& name = model_.qualified_name(view.callee);
            if (name == "urllib.parse.urlparse" || name == "urllib.parse.urlsplit") {
                if (Value* url = element_for_update(view.argument(0), state, 0)) {
                    clear(*url, kinds);
                }
            }
            return;
        }
        if (Value* value = element_for_update(parsed, state, 0)) {
            clear(*value, kinds);
            if (!value->parsed_from.empty()) {
                auto origin = state.variables.find(value->parsed_from);
                if (origin != state.variables.end()) {
                    clear(origin->second, kinds);
                }
            }
        }
    }

    static void clear(Value& value, models::SinkKinds kinds) {
        if (kinds == models::all_sink_kinds) {
            const std::optional<Constant> constant = value.constant;
            value = Value::clean();
            value.constant = constant;
            return;
        }
        value.taint.cleared |= kinds;
        for (auto& [key, part] : value.parts) {
            clear(part, kinds);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Expressions

    Value element_of(const Value& container) const { return Value::of(container.flat()); }

    // A name this function does not assign (on this path): a parameter not in the state, a
    // module global, a closure's variable or a builtin.
    Value lookup_outside(TSNode identifier) {
        const Binding* binding = model_.resolve(identifier);
        if (!binding) {
            return Value::clean();
        }
        Value result;
        bool any = false;
        for (const std::uint32_t index : binding->definitions) {
            if (const auto& value = definition_values_[index]) {
                result = any ? join(result, *value) : *value;
                any = true;
            }
        }
        if (!any || binding->definitions.size() != 1) {
            result.constant.reset();
        }
        if (!result.constant) {
            if (const auto constant = model_.constant_value(identifier)) {
                result.constant = constant;
            }
        }
        return result;
    }

    struct NameSourceHit {
        models::SourceKind kind;
        models::SinkKinds safe_for = 0;
    };

    static models::SinkKinds partly_safe(std::span<const models::PartlySafe> table,
                                         std::string_view attribute) {
        for (const models::PartlySafe& row : table) {
            if (row.attribute == attribute) {
                return row.safe_for;
            }
        }
        return 0;
    }

    // A qualified name that reads untrusted data (`flask.request.args`, `sys.argv`).
    std::optional<NameSourceHit> name_source(std::string_view qualified) const {
        for (const models::NameSource& source : models_.name_sources) {
            if (!qualified.starts_with(source.name)) {
                continue;
            }
            if (qualified.size() == source.name.size()) {
                return NameSourceHit{source.kind};
            }
            if (qualified[source.name.size()] != '.') {
                continue;
            }
            std::string_view rest = qualified.substr(source.name.size() + 1);
            rest = rest.substr(0, rest.find('.'));
            if (!is_one_of(rest, source.safe)) {
                return NameSourceHit{source.kind, partly_safe(source.partly_safe, rest)};
            }
        }
        for (const std::string& extra : models_.extra_source_names) {
            if (qualified == extra ||
                (qualified.starts_with(extra) && qualified[extra.size()] == '.')) {
                return NameSourceHit{models::Remote};
            }
        }
        return std::nullopt;
    }

    Value named_source(TSNode expression, const NameSourceHit& hit) {
        Value value =
            source(expression, hit.kind, "`" + shorten(model_.text(expression)) + "` enters here");
        value.taint.cleared = hit.safe_for;
        return value;
    }

    Value eval(TSNode expression, State& state, int depth) {
        if (ts_node_is_null(expression)) {
            return Value::clean();
        }
        if (++spent_unit_ > options_.function_budget) {
            throw OutOfBudget{};
        }
        if (depth > max_expression_depth) {
            result_.complete = false;
            return Value::clean(); // too deep to follow: unknown
        }
        const std::string_view type = node_type(expression);
        if (type == "identifier") {
            const std::string_view name = model_.text(expression);
            if (const auto found = state.variables.find(name); found != state.variables.end()) {
                return found->second;
            }
            const std::string& qualified = model_.qualified_name(expression);
            if (const auto hit = name_source(qualified)) {
                return named_source(expression, *hit);
            }
            return lookup_outside(expression);
        }
        if (type == "attribute") {
            return attribute(expression, state, depth);
        }
        if (type == "subscript") {
            const Value object = eval(child_by_field(expression, "value"), state, depth + 1);
            const TSNode index = child_by_field(expression, "subscript");
            const Value key = eval(index, state, depth + 1);
            // x[-1]: which element that is depends on the length, not followed here.
            const bool negative = key.constant && key.constant->kind == Constant::Kind::Int &&
                                  key.constant->integer < 0;
            if (syntax::named_child_count(expression) == 2 && key.constant && !negative) {
                const std::string part_key = subscript_key(*key.constant);
                if (const Value* part = part_key.empty() ? nullptr : object.part(part_key)) {
                    return *part;
                }
                Value element = Value::of(object.taint);
                if (object.constant) {
                    if (const auto folded = fold_subscript(*object.constant, *key.constant)) {
                        element.constant = folded;
                    }
                }
                return element;
            }
            return element_of(object);
        }
        if (type == "call") {
            return call(expression, state, depth);
        }
        if (type == "string" || type == "concatenated_string") {
            Value result;
            if (auto constant = model_.constant_value(expression)) {
                result.constant = std::move(constant);
                return result;
            }
            interpolations(expression, state, depth, result);
            return result;
        }
        if (type == "integer" || type == "float" || type == "true" || type == "false" ||
            type == "none") {
            Value result;
            result.constant = model_.constant_value(expression);
            return result;
        }
        if (type == "parenthesized_expression" || type == "await" || type == "list_splat" ||
            type == "dictionary_splat" || type == "keyword_argument") {
            const TSNode inner = type == "keyword_argument" ? child_by_field(expression, "value")
                                                            : syntax::named_child(expression, 0);
            return eval(inner, state, depth + 1);
        }
        if (type == "binary_operator") {
            const TSNode left_node = child_by_field(expression, "left");
            const Value left = eval(left_node, state, depth + 1);
            const Value right = eval(child_by_field(expression, "right"), state, depth + 1);
            const std::string_view op = model_.text(child_by_field(expression, "operator"));
            Value result;
            if (op == "%" && left.constant && left.constant->kind == Constant::Kind::String &&
                formats_only_numbers(left.constant->text)) {
                result.taint = left.taint; // "... LIMIT %d" % n puts in a number or raises
            } else {
                result.taint = join(left.flat(), right.flat());
            }
            if (left.constant && right.constant) {
                result.constant = fold_binary(*left.constant, op, *right.constant);
            }
            return result;
        }
        if (type == "boolean_operator") {
            const Value left = eval(child_by_field(expression, "left"), state, depth + 1);
            const bool is_and = node_type(child_by_field(expression, "operator")) == "and";
            if (left.constant && left.constant->truth() != is_and) {
                return left; // the right side is never evaluated
            }
            const Value right = eval(child_by_field(expression, "right"), state, depth + 1);
            if (left.constant) {
                return right;
            }
            return join(left, right);
        }
        if (type == "not_operator") {
            const Value operand = eval(child_by_field(expression, "argument"), state, depth + 1);
            Value result; // a truth value: nothing of the operand flows on
            if (operand.constant) {
                result.constant = fold_unary("not", *operand.constant);
            }
            return result;
        }
        if (type == "comparison_operator") {
            // A truth value: nothing of its operands flows on. Each operand is evaluated once,
            // and the comparison folded from what they gave.
            std::vector<std::optional<Constant>> operands;
            std::vector<std::string> operators;
            std::string pending;
            for (uint32_t i = 0; i < syntax::child_count(expression); ++i) {
                const TSNode child = syntax::child(expression, i);
                if (ts_node_is_named(child)) {
                    if (node_type(child) == "comment") {
                        continue;
                    }
                    if (!operands.empty()) {
                        operators.push_back(std::move(pending));
                        pending.clear();
                    }
                    operands.push_back(eval(child, state, depth + 1).constant);
                } else {
                    pending += pending.empty() ? "" : " ";
                    pending += model_.text(child);
                }
            }
            Value result;
            result.constant = fold_chain(operands, operators);
            return result;
        }
        if (type == "unary_operator") {
            const Value operand = eval(child_by_field(expression, "argument"), state, depth + 1);
            Value result = Value::of(operand.flat());
            if (operand.constant) {
                result.constant = fold_unary(model_.text(child_by_field(expression, "operator")),
                                             *operand.constant);
            }
            return result;
        }
        if (type == "conditional_expression") {
            const Value test = eval(syntax::named_child(expression, 1), state, depth + 1);
            if (test.constant) {
                return eval(syntax::named_child(expression, test.constant->truth() ? 0 : 2), state,
                            depth + 1);
            }
            return join(eval(syntax::named_child(expression, 0), state, depth + 1),
                        eval(syntax::named_child(expression, 2), state, depth + 1));
        }
        if (type == "named_expression") {
            const Value value = eval(child_by_field(expression, "value"), state, depth + 1);
            assign(child_by_field(expression, "name"), value, state);
            return value;
        }
        if (type == "list" || type == "tuple" || type == "set" || type == "expression_list") {
            Value result;
            const uint32_t count = syntax::named_child_count(expression);
            std::size_t position = 0; // elements by index, until a *splat makes them unknown
            bool positions_known = type != "set";
            for (uint32_t i = 0; i < count; ++i) {
                const TSNode element = syntax::named_child(expression, i);
                if (node_type(element) == "comment") {
                    continue;
                }
                const Value value = eval(element, state, depth + 1);
                positions_known = positions_known && node_type(element) != "list_splat";
                if (positions_known) {
                    result.part_for_update("[" + std::to_string(position++) + "]") = value;
                } else {
                    result.taint = join(result.taint, value.flat());
                }
            }
            if (auto constant = model_.constant_value(expression)) {
                result.constant = std::move(constant);
            }
            result.limit();
            return result;
        }
        if (type == "dictionary") {
            Value result;
            const uint32_t count = syntax::named_child_count(expression);
            for (uint32_t i = 0; i < count; ++i) {
                const TSNode element = syntax::named_child(expression, i);
                if (node_type(element) == "pair") {
                    const Value key = eval(child_by_field(element, "key"), state, depth + 1);
                    const Value value = eval(child_by_field(element, "value"), state, depth + 1);
                    const std::string part_key = key.constant ? subscript_key(*key.constant) : "";
                    if (!part_key.empty()) {
                        result.part_for_update(part_key) = value;
                    } else {
                        result.taint = join(result.taint, join(key.flat(), value.flat()));
                    }
                } else if (node_type(element) != "comment") {
                    result.taint = join(result.taint, eval(element, state, depth + 1).flat());
                }
            }
            result.limit();
            return result;
        }
        if (type == "list_comprehension" || type == "set_comprehension" ||
            type == "generator_expression" || type == "dictionary_comprehension") {
            return comprehension(expression, state, depth);
        }
        if (type == "lambda" || type == "ellipsis" || type == "yield") {
            if (type == "yield") {
                eval(syntax::named_child(expression, 0), state, depth + 1);
            }
            return Value::clean();
        }
        // Anything else: its parts are evaluated (for the sinks in them) and flow on together.
        Value result;
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            result.taint = join(result.taint,
                                eval(syntax::named_child(expression, i), state, depth + 1).flat());
        }
        return result;
    }

    // `a < b < c` is `a < b and b < c`.
    static std::optional<Constant> fold_chain(const std::vector<std::optional<Constant>>& operands,
                                              const std::vector<std::string>& operators) {
        if (operands.size() < 2 || operators.size() != operands.size() - 1) {
            return std::nullopt;
        }
        for (std::size_t i = 0; i < operators.size(); ++i) {
            if (!operands[i] || !operands[i + 1]) {
                return std::nullopt;
            }
            const auto holds = fold_comparison(*operands[i], operators[i], *operands[i + 1]);
            if (!holds) {
                return std::nullopt;
            }
            if (!*holds) {
                return Constant::of_bool(false);
            }
        }
        return Constant::of_bool(true);
    }

    void interpolations(TSNode string, State& state, int depth, Value& result) {
        const uint32_t count = syntax::named_child_count(string);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode part = syntax::named_child(string, i);
            const std::string_view type = node_type(part);
            if (type == "interpolation") {
                result.taint =
                    join(result.taint,
                         eval(child_by_field(part, "expression"), state, depth + 1).flat());
            } else if (type == "string") {
                interpolations(part, state, depth + 1, result);
            }
        }
    }

    Value comprehension(TSNode expression, State& state, int depth) {
        // The loop variables live in the comprehension: a copy of the state holds them.
        State inner = state;
        const uint32_t count = syntax::named_child_count(expression);
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode clause = syntax::named_child(expression, i);
            const std::string_view type = node_type(clause);
            if (type == "for_in_clause") {
                const Value iterable = eval(child_by_field(clause, "right"), inner, depth + 1);
                assign(child_by_field(clause, "left"), element_of(iterable), inner);
            } else if (type == "if_clause") {
                eval(syntax::named_child(clause, 0), inner, depth + 1);
            }
        }
        Value result;
        const TSNode body = child_by_field(expression, "body");
        if (!ts_node_is_null(body) && node_type(body) == "pair") {
            result.taint = join(eval(child_by_field(body, "key"), inner, depth + 1).flat(),
                                eval(child_by_field(body, "value"), inner, depth + 1).flat());
        } else {
            result.taint = eval(body, inner, depth + 1).flat();
        }
        // A walrus in the comprehension binds in the function.
        for (auto& [name, value] : inner.variables) {
            if (const auto outer = state.variables.find(name); outer != state.variables.end()) {
                outer->second = value;
            }
        }
        return result;
    }

    Value attribute(TSNode expression, State& state, int depth) {
        const std::string& qualified = model_.qualified_name(expression);
        if (!qualified.empty() && !state.variables.contains(root_name(expression))) {
            if (const auto hit = name_source(qualified)) {
                return named_source(expression, *hit);
            }
        }
        const Value object = eval(child_by_field(expression, "object"), state, depth + 1);
        const std::string_view name = model_.text(child_by_field(expression, "attribute"));
        if (object.request_object) {
            const models::RequestObject& request =
                models_.request_objects[object.request_object - 1];
            if (is_one_of(name, request.attributes)) {
                return named_source(expression,
                                    {models::Remote, partly_safe(request.partly_safe, name)});
            }
        }
        if (const Value* part = object.part("." + std::string(name))) {
            return *part;
        }
        // Another attribute: the object's whole, and its elements (`d.values()`, `l.copy()`
        // see every one); its other attributes are other things (`self.name`).
        Taint taint = object.taint;
        for (const auto& [key, part] : object.parts) {
            if (key.starts_with("[")) {
                taint = join(taint, part.flat());
            }
        }
        Value result = Value::of(taint);
        if (!object.parsed_from.empty()) {
            result.parsed_from = object.parsed_from;
        }
        return result;
    }

    std::string_view root_name(TSNode expression) const {
        while (!ts_node_is_null(expression) &&
               (node_type(expression) == "attribute" || node_type(expression) == "subscript")) {
            expression = child_by_field(expression,
                                        node_type(expression) == "attribute" ? "object" : "value");
        }
        return ts_node_is_null(expression) || node_type(expression) != "identifier"
                   ? std::string_view()
                   : model_.text(expression);
    }

    // `Model.objects.get(...)`, `.filter(...).first()`: what a Django manager returns are rows
    // of the database, whatever the lookup's arguments.
    bool is_database_lookup(const CallView& view) const {
        for (TSNode receiver = view.receiver; !ts_node_is_null(receiver);) {
            const std::string_view type = node_type(receiver);
            if (type == "attribute") {
                if (model_.text(child_by_field(receiver, "attribute")) == "objects") {
                    return true;
                }
                receiver = child_by_field(receiver, "object");
            } else if (type == "call") {
                receiver = child_by_field(receiver, "function");
            } else {
                break;
            }
        }
        return false;
    }

    // Whether a method call's receiver is a module (`re.search`), not an object (`conn.search`).
    bool receiver_is_module(const CallView& view) const {
        TSNode root = view.receiver;
        while (!ts_node_is_null(root) && node_type(root) == "attribute") {
            root = child_by_field(root, "object");
        }
        if (ts_node_is_null(root) || node_type(root) != "identifier") {
            return false;
        }
        const Binding* binding = model_.resolve(root);
        return binding && binding->kind == Binding::Kind::Import && !binding->definitions.empty() &&
               node_type(model_.definitions()[binding->definitions.front()].statement) ==
                   "import_statement";
    }

    Value call(TSNode expression, State& state, int depth) {
        const CallView& view = model_.call(expression);
        const std::string& name = model_.qualified_name(view.callee);
        const bool object_method = !view.method.empty() && !receiver_is_module(view);
        const Value callee = eval(view.callee, state, depth + 1);
        // The arguments, evaluated once, in order.
        std::vector<std::pair<TSNode, Value>> arguments;
        const TSNode argument_list = child_by_field(expression, "arguments");
        const uint32_t count =
            ts_node_is_null(argument_list) ? 0 : syntax::named_child_count(argument_list);
        if (!ts_node_is_null(argument_list) && node_type(argument_list) == "generator_expression") {
            arguments.emplace_back(argument_list, eval(argument_list, state, depth + 1));
        } else {
            for (uint32_t i = 0; i < count; ++i) {
                const TSNode argument = syntax::named_child(argument_list, i);
                if (node_type(argument) != "comment") {
                    arguments.emplace_back(argument, eval(argument, state, depth + 1));
                }
            }
        }
        auto value_of = [&](TSNode node) -> const Value* {
            for (const auto& [argument, value] : arguments) {
                if (ts_node_eq(argument, node) ||
                    (node_type(argument) == "keyword_argument" &&
                     ts_node_eq(child_by_field(argument, "value"), node))) {
                    return &value;
                }
            }
            return nullptr;
        };
        Taint everything = callee.flat();
        for (const auto& [argument, value] : arguments) {
            everything = join(everything, value.flat());
        }

        if (collecting_) {
            check_sinks(view, name, object_method, arguments, value_of, state, depth);
        }

        // What the call returns.
        for (const models::CallSource& source_row : models_.call_sources) {
            if (name == source_row.name) {
                return source(expression, source_row.kind,
                              "`" + shorten(model_.text(expression)) + "` returns untrusted data");
            }
        }
        if (object_method) {
            for (const models::MethodSource& source_row : models_.method_sources) {
                if (view.method == source_row.method && imports_any(source_row.evidence)) {
                    return source(expression, source_row.kind,
                                  "`" + shorten(model_.text(expression)) + "` reads the network");
                }
            }
        }
        for (const models::Sanitizer& sanitizer : models_.sanitizers) {
            if (sanitizer.method ? view.method == sanitizer.callee : name == sanitizer.callee) {
                Value result = Value::of(everything);
                clear(result, sanitizer.protects);
                return result;
            }
        }
        for (const std::string& sanitizer : models_.extra_sanitizers) {
            if (name == sanitizer) {
                return Value::clean();
            }
        }
        if (is_one_of(name, models_.clean_results) || is_database_lookup(view)) {
            return Value::clean();
        }
        if (is_one_of(name, models_.path_normalizers) ||
            (object_method && is_one_of(view.method, models_.path_normalizers))) {
            Value result = Value::of(everything);
            result.taint.normalized = result.taint.tainted();
            return result;
        }
        if (name == "urllib.parse.urlparse" || name == "urllib.parse.urlsplit" ||
            name == "urlparse.urlparse") {
            Value result = Value::of(everything);
            const TSNode url = view.argument(0);
            if (!ts_node_is_null(url) && node_type(url) == "identifier") {
                result.parsed_from = std::string(model_.text(url));
            }
            return result;
        }
        if (object_method) {
            if (auto element = container_method(view, value_of, state)) {
                return *element;
            }
        }
        // An unknown callee: what goes in may come out.
        return Value::of(everything);
    }

    // dict.get / pop / setdefault with a constant key read one element; append, add, insert,
    // extend and update put untrusted data into the receiver.
    template <typename ValueOf>
    std::optional<Value> container_method(const CallView& view, ValueOf& value_of, State& state) {
        const std::string_view method = view.method;
        if (method == "get" || method == "pop" || method == "setdefault") {
            State scratch = state;
            const Value receiver = eval(view.receiver, scratch, 0);
            const Value* key = value_of(view.argument(0));
            const Value* fallback = value_of(view.argument(1));
            if (!key || !key->constant) {
                return std::nullopt;
            }
            const std::string part_key = subscript_key(*key->constant);
            const Value* part = part_key.empty() ? nullptr : receiver.part(part_key);
            Value element = part ? *part : Value::of(receiver.taint);
            if (fallback) {
                element = join(element, *fallback);
            }
            if (method == "setdefault" && fallback && !part_key.empty()) {
                if (Value* holder = element_for_update(view.receiver, state, 0)) {
                    holder->part_for_update(part_key) = element;
                }
            } else if (method == "pop") {
                // list.pop(i) moves the elements after it: their positions are no longer known.
                if (Value* holder = element_for_update(view.receiver, state, 0)) {
                    shuffled(*holder);
                }
            }
            return element;
        }
        if (method == "reverse" || method == "sort" || method == "remove" || method == "pop") {
            if (Value* holder = element_for_update(view.receiver, state, 0)) {
                shuffled(*holder);
            }
            return std::nullopt; // what it returns: as any call
        }
        if (method == "append" || method == "add" || method == "insert" || method == "extend" ||
            method == "update" || method == "appendleft") {
            Value* holder = element_for_update(view.receiver, state, 0);
            if (!holder) {
                return Value::clean();
            }
            if (method == "insert" || method == "appendleft") {
                shuffled(*holder); // the elements after it move
            }
            const TSNode added_node = method == "insert" ? view.argument(1) : view.argument(0);
            const Value* added = value_of(added_node);
            if (method == "update" && added && !added->parts.empty() && !added->taint.tainted()) {
                for (const auto& [key, part] : added->parts) {
                    holder->part_for_update(key) = part;
                }
            } else if (added && method == "update") {
                weaken(*holder, added->flat()); // any key may be replaced
            } else if (added) {
                holder->taint = join(holder->taint, added->flat());
            }
            for (const auto& [keyword, value] : view.keywords) {
                if (method == "update") {
                    holder->part_for_update("['" + std::string(keyword) + "']") =
                        value_of(value) ? *value_of(value) : Value::clean();
                }
            }
            holder->constant.reset();
            return Value::clean(); // these return None
        }
        return std::nullopt;
    }

    template <typename ValueOf>
    void check_sinks(const CallView& view, const std::string& name, bool object_method,
                     const std::vector<std::pair<TSNode, Value>>& arguments, ValueOf& value_of,
                     State& state, int depth) {
        auto sink_name = [&] { return "`" + shorten(model_.text(view.callee)) + "()`"; };
        for (const models::Sink& sink : models_.sinks) {
            const bool matches = sink.method ? (object_method && view.method == sink.callee &&
                                                imports_any(sink.evidence))
                                             : name == sink.callee;
            if (!matches || !condition_holds(sink.condition, view)) {
                continue;
            }
            if (sink.position == -2) { // the receiver: Path(p).read_text()
                State scratch = state;
                const Value receiver = eval(view.receiver, scratch, depth + 1);
                report(sink.kind, view.call, view.receiver, receiver.flat(), sink_name());
                continue;
            }
            if (sink.position == -1) {
                for (const auto& [argument, value] : arguments) {
                    report(sink.kind, view.call, argument, value.flat(), sink_name());
                }
                continue;
            }
            const TSNode argument =
                sink.keyword.empty()
                    ? view.argument(static_cast<std::size_t>(sink.position))
                    : view.argument(static_cast<std::size_t>(sink.position), sink.keyword);
            if (ts_node_is_null(argument)) {
                // *args / **kwargs may carry it.
                for (const auto& [node, value] : arguments) {
                    const std::string_view type = node_type(node);
                    if (type == "list_splat" || type == "dictionary_splat") {
                        report(sink.kind, view.call, node, value.flat(), sink_name());
                    }
                }
                continue;
            }
            if (const Value* value = value_of(argument)) {
                Taint taint = value->flat();
                if (sink.condition == models::SinkCondition::ShellDashC) {
                    // Only the command string after "-c" runs in the shell.
                    const Value* command = value->part("[2]");
                    taint = command ? command->flat() : Taint{};
                }
                report(sink.kind, view.call, argument, taint, sink_name());
            }
        }
        for (const auto& [callee_name, kind] : models_.extra_sinks) {
            if (name == callee_name) {
                for (const auto& [argument, value] : arguments) {
                    report(kind, view.call, argument, value.flat(), sink_name());
                }
            }
        }
    }

    // Whether the file imports one of these modules (or any list is empty).
    bool imports_any(std::span<const std::string_view> modules) const {
        return modules.empty() ||
               std::any_of(modules.begin(), modules.end(),
                           [&](std::string_view module) { return model_.imports_module(module); });
    }

    bool condition_holds(models::SinkCondition condition, const CallView& view) const {
        switch (condition) {
        case models::SinkCondition::Always:
            return true;
        case models::SinkCondition::Manager:
            return is_database_lookup(view);
        case models::SinkCondition::ShellTrue: {
            const TSNode shell = view.keyword("shell");
            if (ts_node_is_null(shell)) {
                return false;
            }
            const auto value = model_.constant_value(shell);
            return !value || value->truth(); // shell=flag we cannot read: assume it may be on
        }
        case models::SinkCondition::UnsafeYamlLoad: {
            const TSNode loader = view.argument(1, "Loader");
            const std::string_view text = model_.text(loader);
            return ts_node_is_null(loader) || text.find("Safe") == std::string_view::npos;
        }
        case models::SinkCondition::ShellDashC: {
            if (!ts_node_is_null(view.keyword("shell"))) {
                return false; // the shell=True row covers it
            }
            const TSNode argv = view.argument(0, "args");
            if (ts_node_is_null(argv) ||
                (node_type(argv) != "list" && node_type(argv) != "tuple") ||
                syntax::named_child_count(argv) < 3) {
                return false;
            }
            const auto program = model_.constant_value(syntax::named_child(argv, 0));
            const auto flag = model_.constant_value(syntax::named_child(argv, 1));
            if (!program || !flag || program->kind != Constant::Kind::String ||
                flag->kind != Constant::Kind::String || flag->text != "-c") {
                return false;
            }
            const std::string_view shell = std::string_view(program->text)
                                               .substr(program->text.rfind('/') == std::string::npos
                                                           ? 0
                                                           : program->text.rfind('/') + 1);
            return shell == "sh" || shell == "bash" || shell == "zsh" || shell == "dash" ||
                   shell == "ksh";
        }
        }
        return false;
    }

    const SemanticModel& model_;
    const models::Models& models_;
    FlowOptions options_;
    FlowResult result_;
    std::vector<TraceNode> traces_;
    std::unordered_map<const void*, std::uint32_t> definition_by_target_;
    std::vector<std::optional<Value>> definition_values_;
    std::set<std::tuple<const void*, int, const void*>> reported_;
    bool is_route_ = false;
    bool collecting_ = false;
    std::vector<std::string_view> source_roots_;
    std::vector<std::string_view> tainted_names_; // variables some unit gave untrusted data
    TSSymbol identifier_symbol_ = 0;
    std::size_t spent_unit_ = 0;
    std::size_t spent_file_ = 0;
    std::uint8_t imports_ = 0;
};

} // namespace

FlowResult analyze_flows(const SemanticModel& model, const models::Models& models,
                         const FlowOptions& options) {
    const syntax::NodeIndex::Use use_index(model.index());
    Engine engine(model, models, options);
    return engine.run();
}

} // namespace vigil::analysis::flow

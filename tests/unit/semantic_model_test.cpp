// The semantic model, asked directly: every kind of definition is its own record in the right
// scope with its value, functions and classes are records of their own, and the helpers rules
// share (the one value a name can have, a call's method name, the constant value of an
// expression) answer as Python would.
#include "analysis/semantic/model.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace vigil;
using analysis::Constant;
using analysis::Definition;
using analysis::Parameter;
using analysis::Scope;
using analysis::SemanticModel;

namespace {

// A parsed file and its model, with lookups by text for the tests below.
struct Analysed {
    syntax::SourceFile file;
    SemanticModel model;
    syntax::NodeIndex::Use use; // syntax:: navigation answers from the model's index

    explicit Analysed(std::string text)
        : file(std::move(text)), model(file.text(), file.root()), use(model.index()) {}

    std::string_view text(TSNode node) const { return model.text(node); }

    // The definitions of `name`, in order.
    std::vector<const Definition*> definitions(std::string_view name) const {
        std::vector<const Definition*> found;
        for (const Definition& definition : model.definitions()) {
            if (definition.name == name) {
                found.push_back(&definition);
            }
        }
        return found;
    }

    const Definition& only(std::string_view name) const {
        const auto found = definitions(name);
        INFO("definitions of " << name);
        REQUIRE(found.size() == 1);
        return *found.front();
    }

    // The first node of `type` whose text is `snippet`, searching the whole tree.
    TSNode find(std::string_view type, std::string_view snippet) const {
        for (const auto& entry : model.index().entries()) {
            if (syntax::node_type(entry.node) == type && text(entry.node) == snippet) {
                return entry.node;
            }
        }
        FAIL("no " << type << " with text " << snippet);
        return TSNode{};
    }

    // The expression on the right of the module-level assignment to `name`.
    TSNode value_of(std::string_view name) const {
        const auto found = definitions(name);
        return found.empty() ? TSNode{} : found.front()->value;
    }

    std::optional<Constant> constant(std::string_view name) const {
        return model.constant_value(value_of(name));
    }
};

Scope::Kind scope_kind(const Analysed& a, const Definition& definition) {
    return a.model.scopes()[definition.scope].kind;
}

} // namespace

TEST_CASE("Each kind of definition is a record with its scope and value", "[model]") {
    const Analysed a(R"(import os.path
import yaml as y
from subprocess import run as r, call
x = 1
a = b = "chained"
x += 2
p, *rest = items
(q, (s, t)) = pair
for i, j in pairs:
    pass
with open(f) as fh, lock:
    pass
with ctx() as (w1, w2):
    pass
try:
    pass
except ValueError as err:
    pass
if (n := len(x)) > 1:
    pass
squares = [k * k for k in range(3)]
def outer(param, default="d", *args, kw_only, **kwargs):
    global G
    z = 1
    def inner():
        nonlocal z
        z = 2
    return z
class Widget(Base, metaclass=Meta):
    pass
match command:
    case [first, *others]:
        pass
    case Point(x=px) as whole:
        pass
    case {"k": kv, **more}:
        pass
    case Color.RED | _:
        pass
)");

    using Kind = Definition::Kind;
    CHECK(a.only("os").kind == Kind::Import);
    CHECK(a.only("os").qualified == "os");
    CHECK(a.only("y").qualified == "yaml");
    CHECK(a.only("r").qualified == "subprocess.run");
    CHECK(a.only("call").qualified == "subprocess.call");

    const auto xs = a.definitions("x");
    REQUIRE(xs.size() == 2);
    CHECK(xs[0]->kind == Kind::Assignment);
    CHECK(a.text(xs[0]->value) == "1");
    CHECK(xs[1]->kind == Kind::AugmentedAssignment);
    CHECK(a.text(xs[1]->value) == "2");

    // Both targets of a chain get the value at its end.
    CHECK(a.text(a.only("a").value) == "\"chained\"");
    CHECK(a.text(a.only("b").value) == "\"chained\"");

    for (const char* name : {"p", "rest", "q", "s", "t"}) {
        INFO(name);
        CHECK(a.only(name).kind == Kind::Unpacking);
        CHECK(ts_node_is_null(a.only(name).value)); // which element is not known here
    }

    for (const char* name : {"i", "j"}) {
        CHECK(a.only(name).kind == Kind::ForTarget);
        CHECK(a.text(a.only(name).value) == "pairs");
    }

    CHECK(a.only("fh").kind == Kind::WithAlias);
    CHECK(a.text(a.only("fh").value) == "open(f)");
    CHECK(a.definitions("lock").empty()); // `with lock:` binds nothing
    CHECK(a.only("w1").kind == Kind::WithAlias);
    CHECK(a.only("w2").kind == Kind::WithAlias);
    CHECK(a.text(a.only("w2").value) == "ctx()");

    CHECK(a.only("err").kind == Kind::ExceptAlias);
    CHECK(a.text(a.only("err").value) == "ValueError");

    CHECK(a.only("n").kind == Kind::Walrus);
    CHECK(a.text(a.only("n").value) == "len(x)");

    // A comprehension's variable lives in the comprehension's own scope.
    CHECK(a.only("k").kind == Kind::Comprehension);
    CHECK(scope_kind(a, a.only("k")) == Scope::Kind::Comprehension);
    CHECK(a.text(a.only("k").value) == "range(3)");

    CHECK(a.only("param").kind == Kind::Parameter);
    CHECK(a.text(a.only("default").value) == "\"d\"");
    CHECK(a.only("G").kind == Kind::Global);
    const auto zs = a.definitions("z");
    REQUIRE(zs.size() == 3);
    CHECK(zs[0]->kind == Kind::Assignment);
    CHECK(zs[1]->kind == Kind::Nonlocal);
    CHECK(zs[2]->kind == Kind::Assignment);
    CHECK(zs[0]->scope != zs[2]->scope);

    CHECK(a.only("outer").kind == Kind::Function);
    CHECK(a.only("Widget").kind == Kind::Class);

    for (const char* name : {"first", "others", "px", "whole", "kv", "more"}) {
        INFO(name);
        CHECK(a.only(name).kind == Kind::MatchCapture);
        CHECK(a.text(a.only(name).value) == "command");
    }
    CHECK(a.definitions("_").empty());   // the wildcard binds nothing
    CHECK(a.definitions("RED").empty()); // a value pattern binds nothing
    CHECK(a.definitions("Color").empty());

    // Sorted by target, which the flow engine's lookups rely on.
    CHECK(std::is_sorted(a.model.definitions().begin(), a.model.definitions().end(),
                         [](const Definition& x, const Definition& y) {
                             return ts_node_start_byte(x.target) < ts_node_start_byte(y.target);
                         }));

    // Bindings list their definitions and their reads.
    const auto& module = a.model.scopes().front().bindings;
    CHECK(module.at("x").definitions.size() == 2);
    CHECK(module.at("x").uses.size() == 1); // len(x)
    // A keyword argument's value is a read; its name is not.
    const Analysed calls("value = 1\nf(value=value)\n");
    CHECK(calls.model.scopes().front().bindings.at("value").uses.size() == 1);
    CHECK(module.at("x").kind == analysis::Binding::Kind::Assignment);
}

TEST_CASE("Comprehension scopes: own variables, walrus binds outside, class bodies hidden",
          "[model]") {
    const Analysed a(R"(k = "outer"
values = [k for k in range(3)]
total = [(last := v) for v in values]
class C:
    limit = 3
    doubled = [limit for _ in range(2)]
)");
    // The module's k is bound once: the comprehension's k is its own.
    CHECK(a.model.scopes().front().bindings.at("k").assignments == 1);
    CHECK(a.only("last").kind == Definition::Kind::Walrus);
    CHECK(scope_kind(a, a.only("last")) == Scope::Kind::Module);
    // In a class body, a comprehension cannot see the class's names (Python's rule).
    const TSNode limit_read = a.find("list_comprehension", "[limit for _ in range(2)]");
    const TSNode body = syntax::child_by_field(limit_read, "body");
    CHECK(a.model.resolve(body) == nullptr);
}

TEST_CASE("Function and class records", "[model]") {
    const Analysed a(R"(@app.route("/x")
@login_required
async def view(a, b: int, /, c=1, *args: str, d, e: int = 2, **kwargs) -> Response:
    yield a
    if c:
        return b
    def nested():
        return 3
    f = lambda q, r=1: q + r
    return c

class Service(Base, Mixin, metaclass=Meta):
    @staticmethod
    def build(x):
        return [y for y in x]
    def run(self):
        pass
)");
    const auto& functions = a.model.functions();
    REQUIRE(functions.size() == 5);
    const analysis::Function& view = functions[0];
    CHECK(view.name == "view");
    CHECK(view.is_async);
    CHECK_FALSE(view.is_lambda);
    REQUIRE(view.decorators.size() == 2);
    CHECK(a.text(view.decorators[0]) == "app.route(\"/x\")");
    CHECK(a.text(view.return_annotation) == "Response");
    REQUIRE(view.parameters.size() == 7);
    using PK = Parameter::Kind;
    const std::vector<std::pair<std::string_view, PK>> expected = {
        {"a", PK::PositionalOnly},   {"b", PK::PositionalOnly}, {"c", PK::Positional},
        {"args", PK::VarPositional}, {"d", PK::KeywordOnly},    {"e", PK::KeywordOnly},
        {"kwargs", PK::VarKeyword}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        INFO("parameter " << i);
        CHECK(view.parameters[i].name == expected[i].first);
        CHECK(view.parameters[i].kind == expected[i].second);
    }
    CHECK(a.text(view.parameter("b")->annotation) == "int");
    CHECK(a.text(view.parameter("args")->annotation) == "str");
    CHECK(a.text(view.parameter("e")->default_value) == "2");
    CHECK(ts_node_is_null(view.parameter("d")->default_value));
    // Its own returns and yields, not the nested function's or the lambda's.
    REQUIRE(view.returns.size() == 2);
    CHECK(a.text(view.returns[0]) == "return b");
    CHECK(a.text(view.returns[1]) == "return c");
    REQUIRE(view.yields.size() == 1);
    CHECK(a.text(view.yields[0]) == "yield a");
    CHECK(view.enclosing_class == SIZE_MAX);

    const analysis::Function& nested = functions[1];
    CHECK(nested.name == "nested");
    REQUIRE(nested.returns.size() == 1);
    const analysis::Function& lambda = functions[2];
    CHECK(lambda.is_lambda);
    REQUIRE(lambda.parameters.size() == 2);
    REQUIRE(lambda.returns.size() == 1);
    CHECK(a.text(lambda.returns[0]) == "q + r");

    REQUIRE(a.model.classes().size() == 1);
    const analysis::Class& service = a.model.classes()[0];
    CHECK(service.name == "Service");
    REQUIRE(service.bases.size() == 3);
    CHECK(a.text(service.bases[1]) == "Mixin");
    REQUIRE(service.methods.size() == 2);
    CHECK(functions[service.methods[0]].name == "build");
    CHECK(functions[service.methods[1]].name == "run");
    CHECK(functions[3].enclosing_class == 0);
    REQUIRE(functions[3].decorators.size() == 1);
    // A comprehension does not hide its function: the return is build's.
    CHECK(functions[3].returns.size() == 1);

    // Looked up by node, and from inside.
    CHECK(a.model.function(view.node) == &view);
    CHECK(a.model.function(service.node) == nullptr);
    const TSNode inside = a.find("identifier", "q");
    CHECK(a.model.enclosing_function(inside) == &lambda);
    const TSNode in_comprehension = a.find("list_comprehension", "[y for y in x]");
    CHECK(a.model.enclosing_function(in_comprehension) == &functions[3]);
    CHECK(a.model.enclosing_function(service.node) == nullptr);
}

TEST_CASE("The one value a name can have", "[model]") {
    const Analysed a(R"(import subprocess
once = subprocess.run
twice = 1
twice = 2
grown = "a"
grown += "b"
for looped in range(3):
    pass
def f(param):
    local = (param)
    return once, twice, grown, looped, param, local
)");
    auto value = [&](std::string_view name) {
        // The read of `name` in f's return statement.
        const analysis::Function& f = a.model.functions().front();
        const TSNode tuple = syntax::named_child(f.returns.front(), 0);
        for (uint32_t i = 0; i < syntax::named_child_count(tuple); ++i) {
            const TSNode element = syntax::named_child(tuple, i);
            if (a.text(element) == name) {
                const TSNode found = a.model.single_value(element);
                return ts_node_is_null(found) ? std::string("<none>") : std::string(a.text(found));
            }
        }
        return std::string("<missing>");
    };
    CHECK(value("once") == "subprocess.run");
    CHECK(value("twice") == "<none>");
    CHECK(value("grown") == "<none>"); // an augmented assignment is a second binding
    CHECK(value("looped") == "<none>");
    CHECK(value("param") == "<none>");
    CHECK(value("local") == "(param)");
}

TEST_CASE("A call's method name and receiver", "[model]") {
    const Analysed a(R"(cursor.execute(q)
run(q)
self.session.get(url)
(factory()).make()
)");
    auto call = [&](std::string_view snippet) -> const analysis::CallView& {
        return a.model.call(a.find("call", snippet));
    };
    CHECK(call("cursor.execute(q)").method == "execute");
    CHECK(a.text(call("cursor.execute(q)").receiver) == "cursor");
    CHECK(call("run(q)").method.empty());
    CHECK(ts_node_is_null(call("run(q)").receiver));
    CHECK(call("self.session.get(url)").method == "get");
    CHECK(a.text(call("self.session.get(url)").receiver) == "self.session");
    CHECK(call("(factory()).make()").method == "make");
    CHECK(a.model.method_name(a.find("identifier", "run")).empty());
}

TEST_CASE("Constant values fold as Python computes them", "[model]") {
    const Analysed a(R"(N = 10
S = "ab"
i1 = N * 3 + 1
i2 = -7 // 2
i3 = -7 % 3
i4 = 0x1F | 0b100
i5 = 2 ** 10
i6 = 1_000
s1 = S + "c" * 2
s2 = "x" "y"
s3 = "tab\there"
s4 = r"raw\n"
s5 = ("a", "b")[1]
s6 = S[-1]
b1 = b"bytes"
c1 = 1 < N <= 10
c2 = "a" in S
c3 = "z" not in ("a", "b")
c4 = N == 10.0
c5 = None is None
c6 = not S
o1 = 0 or "fallback"
o2 = "" and x
t1 = "yes" if N > 5 else "no"
l1 = [1, "two", None]
u1 = x + 1
u2 = f"{S}"
u3 = f"{{literal}}"
u4 = 1 // 0
u5 = 9223372036854775807 + 1
u6 = "x" * 100000
u7 = S[5]
u8 = 1j
u9 = x if N else y
big = "0" * 1
)");
    auto integer = [&](std::string_view name) -> std::optional<std::int64_t> {
        const auto value = a.constant(name);
        if (!value || value->kind != Constant::Kind::Int) {
            return std::nullopt;
        }
        return value->integer;
    };
    auto string = [&](std::string_view name) -> std::optional<std::string> {
        const auto value = a.constant(name);
        if (!value || !value->is_text()) {
            return std::nullopt;
        }
        return value->text;
    };
    auto boolean = [&](std::string_view name) -> std::optional<bool> {
        const auto value = a.constant(name);
        if (!value || value->kind != Constant::Kind::Bool) {
            return std::nullopt;
        }
        return value->boolean;
    };
    CHECK(integer("i1") == 31);
    CHECK(integer("i2") == -4); // floor division rounds down
    CHECK(integer("i3") == 2);  // the remainder takes the divisor's sign
    CHECK(integer("i4") == 31);
    CHECK(integer("i5") == 1024);
    CHECK(integer("i6") == 1000);
    CHECK(string("s1") == "abcc");
    CHECK(string("s2") == "xy");
    CHECK(string("s3") == "tab\there");
    CHECK(string("s4") == "raw\\n");
    CHECK(string("s5") == "b");
    CHECK(string("s6") == "b");
    REQUIRE(a.constant("b1"));
    CHECK(a.constant("b1")->kind == Constant::Kind::Bytes);
    CHECK(boolean("c1") == true);
    CHECK(boolean("c2") == true);
    CHECK(boolean("c3") == true);
    CHECK(boolean("c4") == true);
    CHECK(boolean("c5") == true);
    CHECK(boolean("c6") == false);
    CHECK(string("o1") == "fallback");
    CHECK(string("o2") == ""); // `"" and x` is "" whatever x is
    CHECK(string("t1") == "yes");
    const auto list = a.constant("l1");
    REQUIRE(list);
    CHECK(list->kind == Constant::Kind::List);
    REQUIRE(list->elements.size() == 3);
    CHECK(list->elements[2].kind == Constant::Kind::None);
    // Not constants: unknown names, interpolation, errors, overflow, huge results.
    for (const char* name : {"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"}) {
        INFO(name);
        CHECK_FALSE(a.constant(name).has_value());
    }
    CHECK(string("big") == "0");
}

TEST_CASE("Constant operators", "[model]") {
    using analysis::fold_binary;
    using analysis::fold_comparison;
    const Constant one = Constant::of_int(1);
    const Constant yes = Constant::of_bool(true);
    const Constant half = Constant::of_float(0.5);
    CHECK(one == yes); // 1 == True in Python
    CHECK(fold_binary(one, "+", yes)->integer == 2);
    CHECK(fold_binary(one, "/", Constant::of_int(2))->real == 0.5);
    CHECK(fold_binary(half, "*", Constant::of_int(4))->real == 2.0);
    CHECK_FALSE(fold_binary(Constant::of_string("a"), "+", Constant::of_bytes("b")));
    CHECK_FALSE(fold_comparison(Constant::of_string("a"), "<", one)); // TypeError
    CHECK(fold_comparison(Constant::of_string("a"), "<", Constant::of_string("b")) == true);
    CHECK_FALSE(fold_comparison(Constant::of_string("a"), "is", Constant::of_string("a")));
    const Constant set_ab = Constant::sequence(
        Constant::Kind::Set, {Constant::of_string("a"), Constant::of_string("b")});
    const Constant set_ba = Constant::sequence(
        Constant::Kind::Set, {Constant::of_string("b"), Constant::of_string("a")});
    CHECK(set_ab == set_ba);
    CHECK(analysis::parse_integer_literal("0o17") == 15);
    CHECK_FALSE(analysis::parse_integer_literal("99999999999999999999"));
    CHECK(analysis::parse_float_literal("1e3") == 1000.0);
}

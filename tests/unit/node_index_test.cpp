// The node index must answer every structural question exactly as tree-sitter does: it replaces
// tree-sitter's answers for every rule. Checked node by node, field by field, over every rule
// fixture and some shapes the fixtures may not have.
#include "analysis/syntax/node_index.hpp"
#include "analysis/syntax/source_file.hpp"

#include "tests/unit/fixture_expectations.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil;

namespace {

bool same(TSNode a, TSNode b) {
    return ts_node_is_null(a) ? ts_node_is_null(b) : !ts_node_is_null(b) && ts_node_eq(a, b);
}

// Compares the index's answers with tree-sitter's for every node it indexed; returns the number
// of nodes checked.
std::size_t check_against_tree_sitter(const syntax::NodeIndex& index, const std::string& label) {
    const TSLanguage* language = tree_sitter_python();
    const uint32_t field_count = ts_language_field_count(language);
    const syntax::NodeIndex::Use use(index); // for the syntax:: functions
    std::size_t checked = 0;
    for (const syntax::NodeIndex::Entry& entry : index.entries()) {
        INFO(label << ": " << ts_node_type(entry.node) << " at byte "
                   << ts_node_start_byte(entry.node));
        const TSNode node = entry.node;
        REQUIRE(index.find(node).has_value());
        CHECK(syntax::node_type(node) == ts_node_type(node));
        if (entry.parent != syntax::NodeIndex::none) {
            const auto parent = index.parent(node);
            REQUIRE(parent.has_value());
            CHECK(same(*parent, ts_node_parent(node)));
            CHECK(same(syntax::parent(node), ts_node_parent(node)));
        }
        if (!entry.children_indexed) {
            CHECK_FALSE(index.child_count(node).has_value());
            CHECK_FALSE(index.child_by_field_id(node, 1).has_value());
            continue;
        }
        const uint32_t count = ts_node_child_count(node);
        REQUIRE(index.child_count(node) == count);
        for (uint32_t i = 0; i <= count; ++i) { // one past the end too: a null node
            CHECK(same(*index.child(node, i), ts_node_child(node, i)));
            CHECK(same(syntax::child(node, i), ts_node_child(node, i)));
        }
        const uint32_t named_count = ts_node_named_child_count(node);
        REQUIRE(index.named_child_count(node) == named_count);
        for (uint32_t i = 0; i <= named_count; ++i) {
            CHECK(same(*index.named_child(node, i), ts_node_named_child(node, i)));
            CHECK(same(syntax::named_child(node, i), ts_node_named_child(node, i)));
        }
        for (TSFieldId field = 0; field <= field_count; ++field) {
            INFO("field " << (field ? ts_language_field_name_for_id(language, field) : "0"));
            const TSNode expected = ts_node_child_by_field_id(node, field);
            // The index may hand a question to tree-sitter (nullopt); what it answers is right.
            const auto answer = index.child_by_field_id(node, field);
            CHECK((!answer || same(*answer, expected)));
            CHECK(same(syntax::child_by_field_id(node, field), expected));
        }
        ++checked;
    }
    return checked;
}

const char* const shapes = R"PY(
import os, a.b.c as d
from . import x
from ..pkg import (y as z, w)

@decorator(1)
@other
async def f(a, /, b: int = 2, *args, c, d=3, **kwargs) -> None:
    global g
    nonlocal_value = lambda q, *r, s=1: q
    async with open(a) as handle, other() as (p, q):
        async for i, j in pairs():
            yield from (k for k in range(i) if k)
    try:
        pass
    except* (ValueError, TypeError) as error:
        raise RuntimeError("x") from error
    finally:
        del a[1:2, ::3], b.c

class C(Base, metaclass=Meta):
    attribute: list[int] = [1, 2, *rest]
    def method(self): return {**self.__dict__, "k": f"{self!r:>{width}} {x=}"}

match command.split():
    case [action, *objects] if objects:
        print(action)
    case {"x": 1, **others} | Point(x=0, y=_):
        pass
    case _:
        pass

value = (yield) if x else not y or z and w is not None
print(*args, sep="", **kw)  # a comment between
assert x > 1 < y != z, "message"
type_alias = int | None
with (open("a") as a, open("b") as b): pass
result = [x async for x in aiter() if await x] + {1, 2} - {k: v for k, v in d.items()}
broken = call(1,
def also_broken(:
    pass
)PY";

} // namespace

TEST_CASE("node index answers as tree-sitter does, for every node and field") {
    const syntax::ParserPtr parser = syntax::make_python_parser();
    std::vector<std::pair<std::string, std::string>> sources{{"shapes", shapes}};
    for (const auto& file : fs::recursive_directory_iterator(fs::path(VIGIL_FIXTURES_DIR))) {
        if (file.path().extension() == ".py") {
            sources.emplace_back(file.path().filename().string(), test::read_file(file.path()));
        }
    }
    REQUIRE(sources.size() > 20);
    std::size_t checked = 0;
    for (const auto& [label, text] : sources) {
        const syntax::TreePtr tree = syntax::parse_python(parser.get(), text);
        const syntax::NodeIndex index(ts_tree_root_node(tree.get()));
        checked += check_against_tree_sitter(index, label);
    }
    CHECK(checked > 10000);
}

TEST_CASE("node index skips the children it is told to, and the navigation falls back") {
    const syntax::ParserPtr parser = syntax::make_python_parser();
    const std::string text = "x = call('a' 'b', key=\"value\")\n";
    const syntax::TreePtr tree = syntax::parse_python(parser.get(), text);
    const TSNode root = ts_tree_root_node(tree.get());
    const syntax::NodeIndex index(root, [](const TSNode& node, TSSymbol) {
        return std::string_view(ts_node_type(node)) == "string";
    });
    check_against_tree_sitter(index, "skipping strings");

    std::vector<TSNode> strings;
    for (const auto& entry : index.entries()) {
        if (std::string_view(ts_node_type(entry.node)) == "string") {
            CHECK_FALSE(entry.children_indexed);
            strings.push_back(entry.node);
        } else {
            // Nothing inside a string was indexed.
            CHECK(std::string_view(ts_node_type(entry.node)) != "string_content");
        }
    }
    REQUIRE(strings.size() == 3);

    // Without an index installed, and with it: the same answers, whether the index holds the
    // node or not.
    const syntax::NodeIndex::Use use(index);
    REQUIRE(syntax::NodeIndex::current() == &index);
    for (const TSNode string : strings) {
        REQUIRE(syntax::child_count(string) == ts_node_child_count(string));
        REQUIRE(syntax::child_count(string) >= 2);
        const TSNode content = syntax::child(string, 1);
        CHECK(same(content, ts_node_child(string, 1)));
        CHECK(same(syntax::parent(content), string)); // not indexed: tree-sitter answers
        CHECK(syntax::named_child_count(string) == ts_node_named_child_count(string));
    }
    const TSNode assignment = ts_node_named_child(ts_node_named_child(root, 0), 0);
    CHECK(same(syntax::child_by_field_id(assignment, syntax::field_id("right")),
               ts_node_child_by_field_id(assignment, syntax::field_id("right"))));

    // A node of another tree is not the index's, even at the same address.
    const syntax::TreePtr other = syntax::parse_python(parser.get(), text);
    const TSNode other_root = ts_tree_root_node(other.get());
    CHECK_FALSE(index.find(other_root).has_value());
    CHECK(syntax::named_child_count(other_root) == 1);
}

TEST_CASE("node index of an empty file and of deeply nested code") {
    const syntax::ParserPtr parser = syntax::make_python_parser();
    const syntax::TreePtr empty = syntax::parse_python(parser.get(), "");
    const syntax::NodeIndex empty_index(ts_tree_root_node(empty.get()));
    CHECK(empty_index.entries().size() == 1);
    CHECK(empty_index.child_count(ts_tree_root_node(empty.get())) == 0u);

    // The walk is iterative: nesting far deeper than a thread's stack allows recursion for.
    // (Deeper than parse_python takes, syntax::max_bracket_depth, but far below where tree-sitter
    // itself fails: parsed directly.)
    const std::string nested =
        "x = " + std::string(20000, '(') + "1" + std::string(20000, ')') + "\n";
    const syntax::TreePtr tree(ts_parser_parse_string(parser.get(), nullptr, nested.data(),
                                                      static_cast<uint32_t>(nested.size())));
    const syntax::NodeIndex index(ts_tree_root_node(tree.get()));
    CHECK(index.entries().size() > 20000);
    std::uint32_t deepest = 0;
    for (const auto& entry : index.entries()) {
        deepest = std::max(deepest, entry.depth);
    }
    CHECK(deepest > 20000);

    // ts_node_parent searches from the root: compare on a shallower nest.
    const std::string shallower =
        "x = " + std::string(300, '[') + "1" + std::string(300, ']') + "\n";
    const syntax::TreePtr shallower_tree = syntax::parse_python(parser.get(), shallower);
    check_against_tree_sitter(syntax::NodeIndex(ts_tree_root_node(shallower_tree.get())), "nested");
}

TEST_CASE("ancestors_below gives the path down from an ancestor, with the index and without") {
    const syntax::ParserPtr parser = syntax::make_python_parser();
    const std::string text =
        "def f():\n    try:\n        pass\n    except ValueError:\n        x = 1\n";
    const syntax::TreePtr tree = syntax::parse_python(parser.get(), text);
    const TSNode root = ts_tree_root_node(tree.get());
    const TSNode function = ts_node_named_child(root, 0);
    const TSNode handler =
        ts_node_named_descendant_for_byte_range(root, static_cast<uint32_t>(text.find("except")),
                                                static_cast<uint32_t>(text.find("except")));
    REQUIRE(std::string_view(ts_node_type(handler)) == "except_clause");
    auto types = [](const std::vector<TSNode>& path) {
        std::vector<std::string> names;
        for (const TSNode node : path) {
            names.emplace_back(ts_node_type(node));
        }
        return names;
    };
    const std::vector<std::string> expected = {"function_definition", "block", "try_statement"};
    CHECK(types(syntax::ancestors_below(function, handler)) == expected);
    CHECK(syntax::ancestors_below(handler, handler).empty());
    CHECK(syntax::ancestors_below(handler, function).empty()); // not inside
    const syntax::NodeIndex index(root);
    const syntax::NodeIndex::Use use(index);
    CHECK(types(syntax::ancestors_below(function, handler)) == expected);
    CHECK(types(syntax::ancestors_below(root, handler)).front() == "module");
}

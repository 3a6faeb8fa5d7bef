#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "server/lsp/documents.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using vigil::protocol::Position;
using vigil::protocol::PositionEncoding;
using vigil::protocol::Range;
using vigil::server::apply_change;

namespace {

void require_same_tree_as_fresh_parse(const vigil::syntax::SourceFile& file) {
    auto parser = vigil::syntax::make_python_parser();
    const auto fresh = vigil::syntax::parse_python(parser.get(), file.text());
    REQUIRE(vigil::syntax::tree_sexp(file.tree()) == vigil::syntax::tree_sexp(fresh.get()));
}

} // namespace

TEST_CASE("edits insert, delete and replace at the start, middle and end, across lines") {
    vigil::syntax::SourceFile file("x = 1\r\ny = 2\n");
    apply_change(file, {Range{{0, 0}, {0, 0}}, "import os\r\n"}, PositionEncoding::Utf16);
    CHECK(file.text() == "import os\r\nx = 1\r\ny = 2\n");
    apply_change(file, {Range{{1, 4}, {1, 5}}, "eval(s)"}, PositionEncoding::Utf16);
    CHECK(file.text() == "import os\r\nx = eval(s)\r\ny = 2\n");
    apply_change(file, {Range{{1, 11}, {2, 5}}, ""}, PositionEncoding::Utf16); // join two lines
    CHECK(file.text() == "import os\r\nx = eval(s)\n");
    apply_change(file, {Range{{2, 0}, {2, 0}}, "z = '\xF0\x9F\x98\x80'\n"},
                 PositionEncoding::Utf16);
    CHECK(file.text() == "import os\r\nx = eval(s)\nz = '\xF0\x9F\x98\x80'\n");
    require_same_tree_as_fresh_parse(file);
}

TEST_CASE("an edit after an astral character lands in the right place in each encoding") {
    const std::string start = "s = '\xF0\x9F\x98\x80'; x = eval(s)\n";
    struct Case {
        PositionEncoding encoding;
        std::uint32_t eval_column;
    };
    for (const Case& c : {Case{PositionEncoding::Utf8, 16}, Case{PositionEncoding::Utf16, 14},
                          Case{PositionEncoding::Utf32, 13}}) {
        vigil::syntax::SourceFile file(start);
        apply_change(file, {Range{{0, c.eval_column}, {0, c.eval_column + 4}}, "repr"}, c.encoding);
        CHECK(file.text() == "s = '\xF0\x9F\x98\x80'; x = repr(s)\n");
        require_same_tree_as_fresh_parse(file);
    }
}

TEST_CASE("incremental reparse equals a fresh parse after edits that change structure") {
    vigil::syntax::SourceFile file("def f(a):\n    return a\n");
    apply_change(file, {Range{{1, 4}, {1, 4}}, "if a:\n        "}, PositionEncoding::Utf16);
    require_same_tree_as_fresh_parse(file);
    apply_change(file, {Range{{0, 0}, {0, 3}}, "async def"}, PositionEncoding::Utf16);
    require_same_tree_as_fresh_parse(file);
    apply_change(file, {Range{{0, 5}, {9, 0}}, "("}, PositionEncoding::Utf16); // breaks the syntax
    require_same_tree_as_fresh_parse(file);
    CHECK(ts_node_has_error(file.root()));
}

TEST_CASE("a text nested deeper than tree-sitter can take is never given to it",
          "[source][nesting]") {
    using vigil::syntax::max_bracket_depth;
    using vigil::syntax::too_deeply_nested;
    // From 65,535 unclosed brackets on, tree-sitter 0.20.7 frees an invalid pointer.
    const std::string deep = "x = " + std::string(70000, '(') + "\neval(y)\n";
    auto parser = vigil::syntax::make_python_parser();
    const auto tree = vigil::syntax::parse_python(parser.get(), deep);
    REQUIRE(tree);
    CHECK(ts_node_child_count(ts_tree_root_node(tree.get())) == 0); // an empty module
    vigil::syntax::SourceFile file(deep);
    CHECK(file.unparsed());
    CHECK(ts_node_child_count(file.root()) == 0);
    const vigil::analysis::Config config;
    CHECK(vigil::analysis::analyze(file.text(), file.tree(), "deep.py", config).empty());
    const auto reason = vigil::analysis::unanalysable(file.text());
    REQUIRE(reason);
    CHECK(reason->find("too deeply nested") != std::string::npos);
    // Edited down to a depth that parses, then deeper again, in the editor's way.
    file.edit(4, 4 + 70000, "1");
    CHECK_FALSE(file.unparsed());
    require_same_tree_as_fresh_parse(file);
    CHECK(vigil::analysis::analyze(file.text(), file.tree(), "deep.py", config).size() == 1);
    file.edit(4, 4, std::string(69000, '['));
    CHECK(file.unparsed());
    require_same_tree_as_fresh_parse(file);
    file.edit(4, 4 + 69000, "");
    require_same_tree_as_fresh_parse(file);

    // The bound itself, and what does not count: closed brackets, strings, comments.
    CHECK(too_deeply_nested(std::string(max_bracket_depth + 1, '{')));
    CHECK_FALSE(too_deeply_nested(std::string(max_bracket_depth, '{')));
    std::string balanced;
    for (std::size_t i = 0; i < 70000; ++i) {
        balanced += "()";
    }
    CHECK_FALSE(too_deeply_nested(balanced));
    const std::string many(70000, '(');
    CHECK_FALSE(too_deeply_nested("s = '" + many + "'\n# " + many + "\nt = \"\"\"\n" + many +
                                  "\"\"\"\nu = '\\'" + many + "'\nv = \"" + many + "\n"));
    CHECK(too_deeply_nested("s = ''\nt = '\\\\'" + many));
    // f-strings: their text does not count, their interpolations are code, and a string inside
    // one may use the same quote (PEP 701), which once hid what followed from the count.
    CHECK_FALSE(too_deeply_nested("s = f'" + many + "' + rb\"\"\"" + many + "\"\"\"\n"));
    CHECK_FALSE(too_deeply_nested("s = f'{{" + many + "}}'\n"));
    CHECK(too_deeply_nested("s = f'{" + many + "'\n"));
    CHECK(too_deeply_nested("x = f\"{'\"'}\" + " + many + "\n"));
    CHECK(too_deeply_nested("x = f\"{f'{x!r:>{w}}'}\" + " + many + "\n"));
    CHECK_FALSE(too_deeply_nested("x = f\"{'\"'}\" + '" + many + "'\n"));
}

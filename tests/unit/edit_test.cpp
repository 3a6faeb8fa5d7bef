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

// syntax::plain_string reads a string literal from its text instead of its parts: it must agree
// with the parts (string_start, string_content, string_end) wherever it answers.
#include "analysis/syntax/source_file.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include "tests/unit/fixture_expectations.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil;

namespace {

void collect_strings(TSNode node, std::vector<TSNode>& out) {
    if (syntax::node_type(node) == "string") {
        out.push_back(node);
    }
    for (uint32_t i = 0; i < ts_node_child_count(node); ++i) {
        collect_strings(ts_node_child(node, i), out);
    }
}

// What the parts say: the prefix is string_start's text before its quotes; the body runs from
// string_start's end to string_end's start. nullopt when there are interpolations.
std::optional<syntax::PlainString> from_parts(TSNode string, std::string_view source) {
    const uint32_t count = ts_node_child_count(string);
    for (uint32_t i = 0; i < count; ++i) {
        if (syntax::node_type(ts_node_child(string, i)) == "interpolation") {
            return std::nullopt;
        }
    }
    const TSNode start = ts_node_child(string, 0);
    const TSNode end = ts_node_child(string, count - 1);
    const std::string_view start_text = syntax::node_text(start, source);
    return syntax::PlainString{
        start_text.substr(0, start_text.find_first_of("\"'")),
        source.substr(ts_node_end_byte(start), ts_node_start_byte(end) - ts_node_end_byte(start))};
}

} // namespace

TEST_CASE("plain_string agrees with a string's parts") {
    const syntax::ParserPtr parser = syntax::make_python_parser();
    std::vector<std::string> sources{
        R"PY(a = ""; b = ''; c = """"""; d = '''x''' ; e = r"\d+\"" ; f = b'\x00'
g = Rb"raw" ; h = u'unicode' ; i = """multi
line "quoted" \""" end""" ; j = 'it\'s' ; k = "back\\" ; l = f"{x}" ; m = F'{{literal}}'
n = rf"{y!r}" ; o = "a" "b" f"c{d}" ; p = '\\\'' ; q = """ends with quote\""""
)PY",
        "x = \"unterminated\ny = 'also\n", "z = \"\"\"never closed\n",
        "w = 'ends in a backslash\\'\n"};
    for (const auto& file : fs::recursive_directory_iterator(fs::path(VIGIL_FIXTURES_DIR))) {
        if (file.path().extension() == ".py") {
            sources.push_back(test::read_file(file.path()));
        }
    }
    std::size_t answered = 0;
    std::size_t declined = 0;
    for (const std::string& source : sources) {
        const syntax::TreePtr tree = syntax::parse_python(parser.get(), source);
        std::vector<TSNode> strings;
        collect_strings(ts_tree_root_node(tree.get()), strings);
        for (const TSNode string : strings) {
            const std::string_view text = syntax::node_text(string, source);
            INFO(text);
            const auto plain = syntax::plain_string(string, source);
            if (!plain) {
                ++declined;
                continue;
            }
            ++answered;
            CHECK_FALSE(ts_node_has_error(string));
            const auto parts = from_parts(string, source);
            REQUIRE(parts.has_value()); // an f-string is never read as plain
            CHECK(plain->prefix == parts->prefix);
            CHECK(plain->body == parts->body);
        }
    }
    CHECK(answered > 500);
    CHECK(declined > 5); // f-strings and broken literals
}

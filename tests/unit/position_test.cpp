#include "protocol/position.hpp"

#include <catch2/catch.hpp>

using vigil::protocol::LineIndex;
using vigil::protocol::Position;
using vigil::protocol::PositionEncoding;

TEST_CASE("astral characters count two UTF-16 units and one UTF-32 unit") {
    const std::string text = "s = '\xF0\x9F\x98\x80'; x = eval(s)\n"; // 😀 is 4 bytes
    LineIndex index(text);
    const std::size_t eval_byte = text.find("eval");
    REQUIRE(eval_byte == 16);
    CHECK(index.position_of(eval_byte, PositionEncoding::Utf16) == Position{0, 14});
    CHECK(index.position_of(eval_byte, PositionEncoding::Utf32) == Position{0, 13});
    CHECK(index.position_of(eval_byte, PositionEncoding::Utf8) == Position{0, 16});
    CHECK(index.offset_of(Position{0, 14}, PositionEncoding::Utf16) == eval_byte);
    CHECK(index.offset_of(Position{0, 13}, PositionEncoding::Utf32) == eval_byte);
}

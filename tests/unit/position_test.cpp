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

TEST_CASE("ASCII, 2-, 3- and 4-byte characters in each encoding") {
    // "aé中😀b": a(1 byte) é(2) 中(3) 😀(4) b(1)
    const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"
                             "b";
    LineIndex index(text);
    const std::size_t b = text.size() - 1;
    CHECK(index.position_of(b, PositionEncoding::Utf8) == Position{0, 10});
    CHECK(index.position_of(b, PositionEncoding::Utf16) == Position{0, 5});
    CHECK(index.position_of(b, PositionEncoding::Utf32) == Position{0, 4});
    for (auto encoding :
         {PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32}) {
        for (std::size_t offset : {std::size_t{0}, std::size_t{1}, std::size_t{3}, std::size_t{6},
                                   std::size_t{10}, b + 1}) {
            INFO("offset " << offset);
            CHECK(index.offset_of(index.position_of(offset, encoding), encoding) == offset);
        }
    }
    // Inside a character rounds down to its start, both ways.
    CHECK(index.offset_of(Position{0, 4}, PositionEncoding::Utf16) ==
          6); // half of the surrogate pair
    CHECK(index.position_of(8, PositionEncoding::Utf16) == Position{0, 3});
    CHECK(index.offset_of(Position{0, 2}, PositionEncoding::Utf8) == 1); // inside é
}

TEST_CASE("CRLF, LF and lone CR all end lines; positions never fall between CR and LF") {
    const std::string text = "ab\r\ncd\ref\ngh";
    LineIndex index(text);
    REQUIRE(index.line_count() == 4);
    CHECK(index.offset_of(Position{1, 0}, PositionEncoding::Utf16) == 4);
    CHECK(index.offset_of(Position{2, 1}, PositionEncoding::Utf16) == 8);
    CHECK(index.offset_of(Position{3, 2}, PositionEncoding::Utf16) == 12);
    CHECK(index.position_of(3, PositionEncoding::Utf16) == Position{0, 2}); // the \n of \r\n
    CHECK(index.position_of(2, PositionEncoding::Utf16) == Position{0, 2});
}

TEST_CASE("out-of-range positions clamp to the end of the line or of the text") {
    const std::string text = "abc\nde\n";
    LineIndex index(text);
    CHECK(index.offset_of(Position{0, 99}, PositionEncoding::Utf16) == 3); // before the newline
    CHECK(index.offset_of(Position{1, 99}, PositionEncoding::Utf8) == 6);
    CHECK(index.offset_of(Position{2, 5}, PositionEncoding::Utf32) == 7); // empty last line
    CHECK(index.offset_of(Position{40, 0}, PositionEncoding::Utf16) == text.size());
    CHECK(index.position_of(999, PositionEncoding::Utf16) == Position{2, 0});
}

TEST_CASE("invalid UTF-8 bytes count one unit each") {
    const std::string text = "a\xFF\xFE"
                             "b";
    LineIndex index(text);
    CHECK(index.position_of(3, PositionEncoding::Utf16) == Position{0, 3});
    CHECK(index.offset_of(Position{0, 3}, PositionEncoding::Utf32) == 3);
    CHECK(vigil::protocol::code_units("\xF0\x9F\x98\x80\xFF", PositionEncoding::Utf16) == 3);
}

TEST_CASE("LF-only text: every line start is found, empty lines and a missing final newline too") {
    // Text without '\r' takes memchr's path; the expected starts are counted here by hand.
    for (const std::string text : {"", "\n", "a", "a\n", "\n\nab\n\ncd", "x = 1\n\n\ny = 2\n"}) {
        INFO("text " << text.size() << " bytes");
        std::vector<std::size_t> starts{0};
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') {
                starts.push_back(i + 1);
            }
        }
        LineIndex index(text);
        REQUIRE(index.line_count() == starts.size());
        for (std::size_t line = 0; line < starts.size(); ++line) {
            CHECK(index.offset_of(Position{static_cast<std::uint32_t>(line), 0},
                                  PositionEncoding::Utf8) == starts[line]);
        }
    }
}

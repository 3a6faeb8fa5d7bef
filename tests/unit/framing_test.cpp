#include "protocol/framing.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using vigil::protocol::encode_frame;
using vigil::protocol::FrameDecoder;
using vigil::protocol::FramingError;

namespace {

// Everything the decoder yields until it needs more input: bodies as-is, errors as "!reason".
std::vector<std::string> drain(FrameDecoder& decoder) {
    std::vector<std::string> out;
    while (auto item = decoder.next()) {
        if (auto* body = std::get_if<std::string>(&*item)) {
            out.push_back(*body);
        } else {
            out.push_back("!" + std::get<FramingError>(*item).reason);
        }
    }
    return out;
}

} // namespace

TEST_CASE("a frame split at every byte boundary decodes to the same body") {
    const std::string body = R"({"jsonrpc":"2.0","method":"x","params":{"t":"é😀"}})";
    const std::string frame = encode_frame(body);
    for (std::size_t split = 0; split <= frame.size(); ++split) {
        FrameDecoder decoder;
        decoder.feed(frame.substr(0, split));
        auto first = drain(decoder);
        decoder.feed(frame.substr(split));
        auto second = drain(decoder);
        first.insert(first.end(), second.begin(), second.end());
        REQUIRE(first == std::vector<std::string>{body});
        CHECK(decoder.pending() == 0);
    }
}

TEST_CASE("Content-Length counts bytes, not characters") {
    const std::string body = "{\"a\":\"\xF0\x9F\x98\x80\"}"; // 4-byte character
    CHECK(encode_frame(body).rfind("Content-Length: 12\r\n\r\n", 0) == 0);
}

TEST_CASE("several frames in one read, with other headers and any header case") {
    FrameDecoder decoder;
    decoder.feed(
        "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}"
        "Content-Length:3\r\n\r\n[1]");
    CHECK(drain(decoder) == std::vector<std::string>{"{}", "[1]"});
}

TEST_CASE("bad headers are reported and the decoder resynchronises on the next frame") {
    FrameDecoder decoder;
    decoder.feed("Content-Type: x\r\n\r\n");     // no length
    decoder.feed("Content-Length: abc\r\n\r\n"); // not a number
    decoder.feed("Content-Length: 0\r\n\r\n");   // empty body
    decoder.feed(encode_frame("{\"ok\":1}"));
    const auto items = drain(decoder);
    REQUIRE(items.size() == 4);
    CHECK(items[0] == "!missing Content-Length header");
    CHECK(items[1] == "!Content-Length is not a number");
    CHECK(items[2] == "!Content-Length is zero");
    CHECK(items[3] == "{\"ok\":1}");
}

TEST_CASE("an absurd length is refused and its body skipped without buffering it") {
    FrameDecoder decoder;
    const std::size_t huge = FrameDecoder::max_body_size + 10;
    decoder.feed("Content-Length: " + std::to_string(huge) + "\r\n\r\n");
    auto items = drain(decoder);
    REQUIRE(items == std::vector<std::string>{"!message body too large"});
    // Feed the skipped body in chunks; nothing is yielded and little is retained.
    const std::string chunk(1 << 20, 'x');
    std::size_t fed = 0;
    while (fed + chunk.size() <= huge) {
        decoder.feed(chunk);
        fed += chunk.size();
        CHECK(drain(decoder).empty());
        REQUIRE(decoder.pending() <= chunk.size());
    }
    decoder.feed(std::string(huge - fed, 'x') + encode_frame("{}"));
    CHECK(drain(decoder) == std::vector<std::string>{"{}"});
}

TEST_CASE("a header block that never ends is dropped") {
    FrameDecoder decoder;
    decoder.feed(std::string(70 * 1024, 'h'));
    CHECK(drain(decoder) ==
          std::vector<std::string>{"!header block too long without a blank line"});
    decoder.feed(encode_frame("{}"));
    CHECK(drain(decoder) == std::vector<std::string>{"{}"});
}

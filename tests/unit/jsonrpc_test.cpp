#include "protocol/jsonrpc.hpp"

#include <catch2/catch.hpp>

using namespace vigil::protocol;

TEST_CASE("requests, notifications and responses are told apart") {
    auto request = parse_message(R"({"jsonrpc":"2.0","id":"a1","method":"m","params":{"x":1}})");
    REQUIRE(std::holds_alternative<Request>(request));
    CHECK(std::get<Request>(request).id == "a1");
    CHECK(std::get<Request>(request).params["x"] == 1);

    auto notification = parse_message(R"({"jsonrpc":"2.0","method":"n"})");
    REQUIRE(std::holds_alternative<Notification>(notification));
    CHECK(std::get<Notification>(notification).method == "n");

    auto response = parse_message(R"({"jsonrpc":"2.0","id":7,"result":null})");
    REQUIRE(std::holds_alternative<Response>(response));
    CHECK(std::get<Response>(response).id == 7);
    CHECK_FALSE(std::get<Response>(response).error.has_value());
}

TEST_CASE("malformed messages get the right error code and never leak their text") {
    auto parse_error = parse_message(R"({"method": "secret-password-here)");
    REQUIRE(std::holds_alternative<InvalidMessage>(parse_error));
    CHECK(std::get<InvalidMessage>(parse_error).code == ErrorCode::ParseError);
    CHECK(std::get<InvalidMessage>(parse_error).reason.find("secret") == std::string::npos);

    auto not_object = parse_message("[1,2]");
    CHECK(std::get<InvalidMessage>(not_object).code == ErrorCode::InvalidRequest);

    auto bad_id = parse_message(R"({"jsonrpc":"2.0","id":{"x":1},"method":"m"})");
    CHECK(std::get<InvalidMessage>(bad_id).code == ErrorCode::InvalidRequest);

    auto no_method = parse_message(R"({"jsonrpc":"2.0","id":3})");
    REQUIRE(std::holds_alternative<InvalidMessage>(no_method));
    CHECK(std::get<InvalidMessage>(no_method).id == 3);

    auto bad_params = parse_message(R"({"jsonrpc":"2.0","id":4,"method":"m","params":5})");
    CHECK(std::get<InvalidMessage>(bad_params).code == ErrorCode::InvalidRequest);
}

TEST_CASE("invalid UTF-8 inside a message is replaced, not rejected") {
    const std::string body = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"text\":\"a\xFF"
                             "b\xC3\"}}";
    auto message = parse_message(body);
    REQUIRE(std::holds_alternative<Notification>(message));
    CHECK(std::get<Notification>(message).params["text"] == "a\xEF\xBF\xBD"
                                                            "b\xEF\xBF\xBD");
}

TEST_CASE("numbers too large for a double are a parse error, not an exception",
          "[jsonrpc][robustness]") {
    for (const std::string& number :
         {std::string("1e400"), std::string("-1e400"), std::string(400, '9')}) {
        const std::string body =
            R"({"jsonrpc":"2.0","id":1,"method":"m","params":{"x":)" + number + "}}";
        Message message = Notification{};
        REQUIRE_NOTHROW(message = parse_message(body));
        REQUIRE(std::holds_alternative<InvalidMessage>(message));
        CHECK(std::get<InvalidMessage>(message).code == ErrorCode::ParseError);
    }
}

TEST_CASE("messages nested too deep are refused before they are parsed", "[jsonrpc][robustness]") {
    auto with_params = [](const std::string& params) {
        return R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" + params + "}";
    };
    std::string objects; // {"a":{"a":...1}}
    for (int i = 0; i < 60000; ++i) {
        objects += R"({"a":)";
    }
    objects += "1" + std::string(60000, '}');
    // 60,000 levels (a few hundred KB) overflowed the stack.
    for (const std::string& params :
         {objects, "[" + std::string(60000, '[') + std::string(60000, ']') + "]"}) {
        const Message message = parse_message(with_params(params));
        REQUIRE(std::holds_alternative<InvalidMessage>(message));
        CHECK(std::get<InvalidMessage>(message).code == ErrorCode::InvalidRequest);
        CHECK(std::get<InvalidMessage>(message).reason.find("nested") != std::string::npos);
    }
    // Ordinary depths are fine, and brackets inside strings (after an escaped quote) do not count.
    CHECK(std::holds_alternative<Request>(
        parse_message(with_params(std::string(100, '[') + std::string(100, ']')))));
    CHECK(std::holds_alternative<Request>(
        parse_message(with_params(R"({"t":"\")" + std::string(60000, '[') + R"("})"))));
}

TEST_CASE("a lone surrogate escape is read as U+FFFD, not a reason to drop the message",
          "[jsonrpc][robustness]") {
    auto text_of = [](std::string_view escaped) {
        const Message message =
            parse_message(R"({"jsonrpc":"2.0","method":"m","params":{"text":")" +
                          std::string(escaped) + R"("}})");
        REQUIRE(std::holds_alternative<Notification>(message));
        return std::get<Notification>(message).params["text"].get<std::string>();
    };
    const std::string replacement = "\xEF\xBF\xBD";
    CHECK(text_of(R"(a\ud800b)") == "a" + replacement + "b"); // a lone high surrogate
    CHECK(text_of(R"(a\udc00)") == "a" + replacement);        // a lone low surrogate
    CHECK(text_of(R"(\ud800\ud800\ude00)") == replacement + "\xF0\x90\x88\x80"); // then a pair
    CHECK(text_of(R"(\ud83d\ude00)") == "\xF0\x9F\x98\x80");                     // a pair stays
    CHECK(text_of(R"(\\ud800)") == "\\ud800"); // an escaped backslash
    // With invalid UTF-8 in the same message, both are repaired.
    CHECK(text_of("\xFF"
                  R"(\ud800)") == replacement + replacement);
}

TEST_CASE("sanitize_utf8 keeps valid text and replaces each invalid byte") {
    CHECK(sanitize_utf8("plain é 中 😀") == "plain é 中 😀");
    CHECK(sanitize_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                 // overlong
    CHECK(sanitize_utf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    CHECK(sanitize_utf8("\xF0\x9F\x98") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // truncated
}

TEST_CASE("serialize never throws on invalid UTF-8 in outgoing strings") {
    json message = make_notification("m", {{"message", std::string("bad \xFF byte")}});
    CHECK(serialize(message).find("bad \xEF\xBF\xBD byte") != std::string::npos);
}

TEST_CASE("error replies echo the id unchanged") {
    json reply = make_error("id-1", ErrorCode::MethodNotFound, "nope");
    CHECK(reply["id"] == "id-1");
    CHECK(reply["error"]["code"] == -32601);
    CHECK(reply["jsonrpc"] == "2.0");
}

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

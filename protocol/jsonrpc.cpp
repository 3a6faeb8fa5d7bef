#include "protocol/jsonrpc.hpp"

namespace vigil::protocol {

namespace {

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of a valid UTF-8 sequence at bytes[i], or 0 if invalid (per RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
std::size_t valid_sequence(std::string_view bytes, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(bytes[i]);
    if (b0 < 0x80) {
        return 1;
    }
    auto at = [&](std::size_t k) -> int {
        return i + k < bytes.size() ? static_cast<unsigned char>(bytes[i + k]) : -1;
    };
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        return at(1) >= 0 && is_continuation(static_cast<unsigned char>(at(1))) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const int b1 = at(1);
        const int b2 = at(2);
        if (b1 < 0 || b2 < 0 || !is_continuation(static_cast<unsigned char>(b1)) ||
            !is_continuation(static_cast<unsigned char>(b2))) {
            return 0;
        }
        if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 > 0x9F)) {
            return 0;
        }
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const int b1 = at(1);
        const int b2 = at(2);
        const int b3 = at(3);
        if (b1 < 0 || b2 < 0 || b3 < 0 || !is_continuation(static_cast<unsigned char>(b1)) ||
            !is_continuation(static_cast<unsigned char>(b2)) ||
            !is_continuation(static_cast<unsigned char>(b3))) {
            return 0;
        }
        if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 > 0x8F)) {
            return 0;
        }
        return 4;
    }
    return 0;
}

} // namespace

std::string sanitize_utf8(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = valid_sequence(bytes, i);
        if (length == 0) {
            out.append("\xEF\xBF\xBD");
            ++i;
        } else {
            out.append(bytes.substr(i, length));
            i += length;
        }
    }
    return out;
}

Message parse_message(std::string_view body) {
    json document;
    try {
        document = json::parse(body);
    } catch (const json::parse_error&) {
        // nlohmann rejects invalid UTF-8 inside strings; retry once with it replaced.
        try {
            document = json::parse(sanitize_utf8(body));
        } catch (const json::parse_error& error) {
            // The parser's own message quotes the input; report only where it failed, so
            // that no document text reaches the logs.
            return InvalidMessage{ErrorCode::ParseError,
                                  "invalid JSON at byte " + std::to_string(error.byte), nullptr};
        }
    }
    if (!document.is_object()) {
        return InvalidMessage{ErrorCode::InvalidRequest, "message is not a JSON object", nullptr};
    }

    json id = nullptr;
    const auto id_it = document.find("id");
    const bool has_id = id_it != document.end();
    if (has_id) {
        if (id_it->is_number_integer() || id_it->is_string()) {
            id = *id_it;
        } else if (!id_it->is_null()) {
            return InvalidMessage{ErrorCode::InvalidRequest, "id must be an integer or a string",
                                  nullptr};
        }
    }

    const auto method_it = document.find("method");
    if (method_it == document.end()) {
        if (has_id && (document.contains("result") || document.contains("error"))) {
            Response response{id, document.value("result", json()), std::nullopt};
            if (const auto error = document.find("error"); error != document.end()) {
                response.error = *error;
            }
            return response;
        }
        return InvalidMessage{ErrorCode::InvalidRequest, "message has no method", id};
    }
    if (!method_it->is_string()) {
        return InvalidMessage{ErrorCode::InvalidRequest, "method must be a string", id};
    }

    json params = document.value("params", json());
    if (!params.is_null() && !params.is_object() && !params.is_array()) {
        return InvalidMessage{ErrorCode::InvalidRequest, "params must be an object or an array", id};
    }
    if (has_id && !id.is_null()) {
        return Request{id, method_it->get<std::string>(), std::move(params)};
    }
    return Notification{method_it->get<std::string>(), std::move(params)};
}

std::string serialize(const json& message) {
    return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

json make_result(const json& id, json result) {
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json make_error(const json& id, ErrorCode code, std::string_view message) {
    return json{{"jsonrpc", "2.0"},
                {"id", id},
                {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

json make_notification(std::string_view method, json params) {
    return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json make_request(const json& id, std::string_view method, json params) {
    return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

} // namespace vigil::protocol

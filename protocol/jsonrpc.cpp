#include "protocol/jsonrpc.hpp"

#include "protocol/utf8.hpp"

namespace vigil::protocol {

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
        return InvalidMessage{ErrorCode::InvalidRequest, "params must be an object or an array",
                              id};
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

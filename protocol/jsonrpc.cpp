#include "protocol/jsonrpc.hpp"

#include "protocol/utf8.hpp"

namespace vigil::protocol {

namespace {

// Deeper messages are refused before they are parsed: nlohmann builds, copies and destroys values
// by recursion, so 60,000 levels overflowed the stack. LSP nests a dozen levels at most.
constexpr std::size_t max_nesting = 512;

// The offset of the bracket that opens a level deeper than max_nesting (counting [ and { outside
// strings), or npos. Cheap: one pass, no allocation; it does not validate the JSON.
std::size_t too_deep_at(std::string_view body) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (in_string) {
            if (c == '\\') {
                ++i; // the escaped character, a quote or a backslash included
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_nesting) {
                return i;
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return std::string_view::npos;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// The code unit of a \uXXXX escape at body[at] (the backslash), or -1.
int escaped_unit(std::string_view body, std::size_t at) {
    if (at + 6 > body.size() || body[at] != '\\' || body[at + 1] != 'u') {
        return -1;
    }
    int unit = 0;
    for (std::size_t k = at + 2; k < at + 6; ++k) {
        const int digit = hex_value(body[k]);
        if (digit < 0) {
            return -1;
        }
        unit = unit * 16 + digit;
    }
    return unit;
}

// JSON strings may escape a UTF-16 surrogate that has no other half ("\ud800", which a JavaScript
// string can hold); nlohmann refuses the whole message for it. Each such escape becomes \ufffd,
// one UTF-16 unit as well, so the client's positions after it stay right.
std::string replace_lone_surrogates(std::string_view body) {
    std::string out;
    out.reserve(body.size());
    bool in_string = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (!in_string) {
            in_string = c == '"';
            out += c;
            continue;
        }
        if (c == '"') {
            in_string = false;
            out += c;
            continue;
        }
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const int unit = escaped_unit(body, i);
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int next = escaped_unit(body, i + 6);
            if (next >= 0xDC00 && next <= 0xDFFF) {
                out.append(body.substr(i, 12)); // a pair
                i += 11;
            } else {
                out += "\\ufffd";
                i += 5;
            }
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            out += "\\ufffd";
            i += 5;
        } else {
            out.append(body.substr(i, 2)); // any other escape, \\ included
            ++i;
        }
    }
    return out;
}

} // namespace

Message parse_message(std::string_view body) {
    if (const std::size_t at = too_deep_at(body); at != std::string_view::npos) {
        return InvalidMessage{ErrorCode::InvalidRequest,
                              "message nested more than " + std::to_string(max_nesting) +
                                  " levels deep (at byte " + std::to_string(at) + ")",
                              nullptr};
    }
    json document;
    // The parser's own messages quote the input; errors report only where parsing failed, so
    // that no document text reaches the logs.
    try {
        document = json::parse(body);
    } catch (const json::parse_error&) {
        // nlohmann rejects invalid UTF-8 and lone surrogate escapes inside strings; retry once
        // with both replaced by U+FFFD.
        try {
            document = json::parse(replace_lone_surrogates(sanitize_utf8(body)));
        } catch (const json::parse_error& error) {
            return InvalidMessage{ErrorCode::ParseError,
                                  "invalid JSON at byte " + std::to_string(error.byte), nullptr};
        } catch (const json::exception&) {
            return InvalidMessage{ErrorCode::ParseError, "invalid JSON: a number out of range",
                                  nullptr};
        }
    } catch (const json::exception&) {
        // out_of_range: a number too large for a double (1e400, 400 digits).
        return InvalidMessage{ErrorCode::ParseError, "invalid JSON: a number out of range",
                              nullptr};
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

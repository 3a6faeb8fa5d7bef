// JSON-RPC 2.0 messages as LSP uses them: classification of incoming bodies, error codes, and
// builders for outgoing responses and notifications.
#pragma once

#include "protocol/utf8.hpp" // sanitize_utf8, used with parse_message

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace vigil::protocol {

using json = nlohmann::json;

enum class ErrorCode : int {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    ServerNotInitialized = -32002,
    UnknownErrorCode = -32001,
    RequestFailed = -32803,
    ServerCancelled = -32802,
    ContentModified = -32801,
    RequestCancelled = -32800,
};

// A failure that a handler reports to the client as a JSON-RPC error.
struct RpcError {
    ErrorCode code;
    std::string message;
};

struct Request {
    json id; // integer or string, echoed back unchanged
    std::string method;
    json params;
};

struct Notification {
    std::string method;
    json params;
};

struct Response {
    json id;
    json result;               // when no error
    std::optional<json> error; // {code, message, data?}
};

// A body that is not a valid JSON-RPC message; `id` is the request's id when it could be read.
struct InvalidMessage {
    ErrorCode code;
    std::string reason;
    json id; // null when unknown
};

using Message = std::variant<Request, Notification, Response, InvalidMessage>;

// Parses one framed body. Invalid UTF-8 is replaced by U+FFFD rather than rejected, so a document
// with a stray byte is still opened (and nothing the client sent is lost).
Message parse_message(std::string_view body);

std::string serialize(const json& message); // never throws on odd strings

json make_result(const json& id, json result);
json make_error(const json& id, ErrorCode code, std::string_view message);
json make_notification(std::string_view method, json params);
json make_request(const json& id, std::string_view method, json params);

} // namespace vigil::protocol

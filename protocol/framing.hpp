// Content-Length framing (the LSP base protocol), as a pure incremental decoder and an encoder.
// The decoder takes bytes as they arrive and yields whole message bodies; it never throws.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace vigil::protocol {

// A header block that cannot be understood. The decoder skips it and resynchronises on the next
// header block, so one bad frame never takes the connection down.
struct FramingError {
    std::string reason;
};

class FrameDecoder {
public:
    // Bodies larger than this are refused (and skipped) rather than buffered.
    static constexpr std::size_t max_body_size = 256u * 1024u * 1024u;

    void feed(std::string_view bytes) { buffer_.append(bytes); }

    // The next complete body, a framing error, or nullopt when more bytes are needed.
    std::optional<std::variant<std::string, FramingError>> next();

    // Bytes received but not yet consumed (a partial frame).
    std::size_t pending() const { return buffer_.size() - consumed_; }

private:
    void compact();

    std::string buffer_;
    std::size_t consumed_ = 0;
    std::size_t skip_remaining_ = 0; // bytes of a refused body still to discard
};

// "Content-Length: N\r\n\r\n" followed by the body.
std::string encode_frame(std::string_view body);

} // namespace vigil::protocol

// The connection to the client: framed JSON-RPC over a pair of file descriptors (stdin/stdout),
// read asynchronously with Boost.Asio, written synchronously under a lock from any thread. This is
// the only code in Vigil that writes to stdout.
#pragma once

#include "protocol/framing.hpp"
#include "protocol/jsonrpc.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <array>
#include <functional>
#include <mutex>

namespace vigil::protocol {

class Transport {
public:
    struct Handlers {
        std::function<void(std::string body)> on_message; // one complete body
        std::function<void(const FramingError&)> on_framing_error;
        std::function<void()> on_closed; // EOF or read error
    };

    Transport(boost::asio::io_context& io, int input_fd, int output_fd);
    ~Transport();
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // Begins reading; handlers run on the io_context's thread.
    void start(Handlers handlers);

    // Frames and writes one message. Thread-safe; returns false once the output is closed.
    bool send(const json& message);

private:
    void read_more();

    boost::asio::posix::stream_descriptor input_;
    boost::asio::posix::stream_descriptor output_;
    std::array<char, 64 * 1024> read_buffer_{};
    FrameDecoder decoder_;
    Handlers handlers_;
    std::mutex write_mutex_;
    bool output_broken_ = false;
};

} // namespace vigil::protocol

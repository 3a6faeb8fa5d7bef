#include "protocol/transport.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/asio/write.hpp>

namespace vigil::protocol {

Transport::Transport(boost::asio::io_context& io, int input_fd, int output_fd)
    : input_(io, input_fd), output_(io, output_fd) {}

Transport::~Transport() {
    // The descriptors belong to the process (stdin/stdout); do not close them.
    boost::system::error_code ignored;
    input_.cancel(ignored);
    input_.release();
    output_.release();
}

void Transport::start(Handlers handlers) {
    handlers_ = std::move(handlers);
    read_more();
}

void Transport::read_more() {
    input_.async_read_some(boost::asio::buffer(read_buffer_),
                           [this](const boost::system::error_code& error, std::size_t bytes) {
                               if (bytes > 0) {
                                   decoder_.feed(std::string_view(read_buffer_.data(), bytes));
                                   while (auto item = decoder_.next()) {
                                       if (auto* body = std::get_if<std::string>(&*item)) {
                                           handlers_.on_message(std::move(*body));
                                       } else {
                                           handlers_.on_framing_error(
                                               std::get<FramingError>(*item));
                                       }
                                   }
                               }
                               if (error) {
                                   if (error != boost::asio::error::operation_aborted) {
                                       handlers_.on_closed();
                                   }
                                   return;
                               }
                               read_more();
                           });
}

bool Transport::send(const json& message) {
    const std::string frame = encode_frame(serialize(message));
    std::lock_guard lock(write_mutex_);
    if (output_broken_) {
        return false;
    }
    boost::system::error_code error;
    boost::asio::write(output_, boost::asio::buffer(frame), error);
    if (error) {
        output_broken_ = true;
        return false;
    }
    return true;
}

} // namespace vigil::protocol

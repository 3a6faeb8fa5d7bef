#include "protocol/framing.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vigil::protocol {

namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

void FrameDecoder::compact() {
    // Drop consumed bytes once they dominate the buffer, keeping the amortised cost linear.
    if (consumed_ > 0 && consumed_ * 2 >= buffer_.size()) {
        buffer_.erase(0, consumed_);
        consumed_ = 0;
    }
}

std::optional<std::variant<std::string, FramingError>> FrameDecoder::next() {
    if (skip_remaining_ > 0) {
        const std::size_t available = buffer_.size() - consumed_;
        const std::size_t skipped = std::min(available, skip_remaining_);
        consumed_ += skipped;
        skip_remaining_ -= skipped;
        compact();
        if (skip_remaining_ > 0) {
            return std::nullopt;
        }
    }

    const std::string_view view = std::string_view(buffer_).substr(consumed_);
    const std::size_t header_end = view.find("\r\n\r\n");
    if (header_end == std::string_view::npos) {
        // Guard against a peer that never ends its headers.
        if (view.size() > 64 * 1024) {
            consumed_ = buffer_.size();
            compact();
            return FramingError{"header block too long without a blank line"};
        }
        return std::nullopt;
    }

    std::optional<std::size_t> content_length;
    std::string error;
    std::string_view headers = view.substr(0, header_end);
    while (!headers.empty()) {
        const std::size_t eol = headers.find("\r\n");
        const std::string_view line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
            error = "header line without a colon";
            continue;
        }
        const std::string_view name = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "Content-Length")) {
            std::size_t length = 0;
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), length);
            if (ec != std::errc{} || end != value.data() + value.size()) {
                error = "Content-Length is not a number";
            } else {
                content_length = length;
            }
        }
        // Other headers (Content-Type) are accepted and ignored.
    }

    const std::size_t body_start = consumed_ + header_end + 4;
    if (!content_length) {
        consumed_ = body_start;
        compact();
        return FramingError{error.empty() ? "missing Content-Length header" : error};
    }
    if (*content_length == 0) {
        consumed_ = body_start;
        compact();
        return FramingError{"Content-Length is zero"};
    }
    if (*content_length > max_body_size) {
        consumed_ = body_start;
        skip_remaining_ = *content_length;
        return FramingError{"message body too large"};
    }
    if (buffer_.size() - body_start < *content_length) {
        return std::nullopt;
    }
    std::string body = buffer_.substr(body_start, *content_length);
    consumed_ = body_start + *content_length;
    compact();
    return body;
}

std::string encode_frame(std::string_view body) {
    std::string frame = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    frame.append(body);
    return frame;
}

} // namespace vigil::protocol

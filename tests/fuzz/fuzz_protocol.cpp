// Fuzz target: arbitrary bytes through the frame decoder (fed in chunks whose sizes come from the
// input) and every decoded body through the JSON-RPC parser and back out through the serializer.
#include "protocol/framing.hpp"
#include "protocol/jsonrpc.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vigil::protocol;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    FrameDecoder decoder;
    std::size_t position = 0;
    std::size_t step = 1;
    while (position < input.size()) {
        const std::size_t chunk = std::min(step, input.size() - position);
        decoder.feed(input.substr(position, chunk));
        position += chunk;
        step = step * 3 % 61 + 1; // varied chunk sizes, deterministic per input
        while (auto item = decoder.next()) {
            if (const auto* body = std::get_if<std::string>(&*item)) {
                const Message message = parse_message(*body);
                if (const auto* request = std::get_if<Request>(&message)) {
                    (void)serialize(make_result(request->id, request->params));
                }
            }
        }
    }
    return 0;
}

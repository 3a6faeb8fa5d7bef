// Fuzz target: the input is a Python text followed by a sequence of LSP edits in one of the three
// position encodings. Each edit goes through LineIndex and SourceFile (incremental reparse); at the
// end the incremental tree must equal a fresh parse, and analysis must run without failing.
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace {

struct Reader {
    std::string_view data;
    std::uint32_t byte() {
        if (data.empty()) {
            return 0;
        }
        const auto value = static_cast<unsigned char>(data.front());
        data.remove_prefix(1);
        return value;
    }
    std::string_view take(std::size_t count) {
        const std::string_view taken = data.substr(0, count);
        data.remove_prefix(taken.size());
        return taken;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vigil;
    Reader reader{std::string_view(reinterpret_cast<const char*>(data), size)};
    const auto encoding = static_cast<protocol::PositionEncoding>(reader.byte() % 3);
    const std::size_t text_length = reader.byte() * 4;
    syntax::SourceFile file{std::string(reader.take(text_length))};
    while (!reader.data.empty()) {
        const protocol::LineIndex index(file.text());
        const protocol::Position start{reader.byte() % 40, reader.byte() % 90};
        const protocol::Position end{start.line + reader.byte() % 3, reader.byte() % 90};
        std::size_t from = index.offset_of(start, encoding);
        std::size_t to = index.offset_of(end, encoding);
        if (to < from) {
            std::swap(from, to);
        }
        file.edit(from, to, reader.take(reader.byte() % 16));
    }
    auto parser = syntax::make_python_parser();
    const auto fresh = syntax::parse_python(parser.get(), file.text());
    if (vigil::syntax::tree_sexp(file.tree()) != vigil::syntax::tree_sexp(fresh.get())) {
        std::abort(); // the incremental tree diverged from a fresh parse
    }
    (void)analysis::analyze(file.text(), file.tree(), "fuzz.py", analysis::Config{});
    return 0;
}

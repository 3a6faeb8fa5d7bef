// The cost of each step of the keystroke path on a large file, in one run: a full parse (the
// peer to beat), the incremental reparse after a one-character edit, and the analysis.
//
//     build/tests/reparse_bench [FILE] [EDITS]   (default /usr/lib/python3.11/_pydecimal.py, 500)
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double fraction) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(fraction * (values.size() - 1) + 0.5))];
}

void report(const char* what, const std::vector<double>& values) {
    std::printf("%-34s p50 %7.3f ms   p99 %7.3f ms\n", what, percentile(values, 0.5),
                percentile(values, 0.99));
}

} // namespace

int main(int argc, char** argv) {
    const char* path = argc > 1 ? argv[1] : "/usr/lib/python3.11/_pydecimal.py";
    const int edits = argc > 2 ? std::atoi(argv[2]) : 500;
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        std::fprintf(stderr, "cannot read %s (Debian's python3.11 package has it)\n", path);
        return 2;
    }
    std::stringstream buffer;
    buffer << stream.rdbuf();
    const std::string text = buffer.str();

    auto parser = vigil::syntax::make_python_parser();
    std::vector<double> full_parse;
    for (int i = 0; i < 20; ++i) {
        const auto start = Clock::now();
        auto tree = vigil::syntax::parse_python(parser.get(), text);
        full_parse.push_back(ms_since(start));
    }

    vigil::syntax::SourceFile file(text);
    std::vector<std::size_t> line_ends;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            line_ends.push_back(i);
        }
    }
    std::mt19937 random(7);
    std::vector<double> reparse;
    std::vector<double> analysis;
    std::vector<double> line_index;
    const vigil::analysis::Config config;
    for (int i = 0; i < edits; ++i) {
        const std::size_t at = line_ends[random() % line_ends.size()];
        auto start = Clock::now();
        file.edit(at, at, " "); // a space at the end of a line, then take it out again
        reparse.push_back(ms_since(start));
        start = Clock::now();
        file.edit(at, at + 1, "");
        reparse.push_back(ms_since(start));

        start = Clock::now();
        const vigil::protocol::LineIndex index(file.text());
        line_index.push_back(ms_since(start));

        start = Clock::now();
        const auto findings = vigil::analysis::analyze(file.text(), file.tree(), path, config);
        analysis.push_back(ms_since(start));
    }
    std::printf("%s: %zu bytes\n", path, text.size());
    report("full parse", full_parse);
    report("incremental reparse (1 char)", reparse);
    report("line index (per change)", line_index);
    report("analysis (model + all rules)", analysis);
    std::printf("full parse / incremental reparse (p50): %.1fx\n",
                percentile(full_parse, 0.5) / percentile(reparse, 0.5));
    std::printf("analysis / full parse (p50): %.2fx\n",
                percentile(analysis, 0.5) / percentile(full_parse, 0.5));
    return 0;
}

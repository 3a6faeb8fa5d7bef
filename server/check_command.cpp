#include "server/check_command.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace vigil::server {

namespace fs = std::filesystem;

namespace {

bool is_python_file(const fs::path& path) {
    return path.extension() == ".py" || path.extension() == ".pyw";
}

bool is_skipped_directory(const fs::path& path) {
    static const std::vector<std::string> skipped = {".git", ".hg", ".svn", "__pycache__", ".tox",
                                                     ".venv", "venv", "node_modules", ".eggs"};
    return std::find(skipped.begin(), skipped.end(), path.filename().string()) != skipped.end();
}

std::vector<fs::path> collect_files(const std::vector<std::string>& roots) {
    std::vector<fs::path> files;
    for (const std::string& root : roots) {
        std::error_code error;
        if (fs::is_regular_file(root, error)) {
            files.emplace_back(root);
            continue;
        }
        if (!fs::is_directory(root, error)) {
            std::cerr << "vigil: " << root << ": no such file or directory\n";
            continue;
        }
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
        for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
            if (error) {
                break;
            }
            if (it->is_directory() && is_skipped_directory(it->path())) {
                it.disable_recursion_pending();
            } else if (it->is_regular_file() && is_python_file(it->path())) {
                files.push_back(it->path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

int run_check(const CheckOptions& options, std::ostream& out) {
    const std::vector<std::string> roots =
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths;
    const analysis::Config config;
    auto parser = syntax::make_python_parser();
    std::size_t total = 0;
    std::size_t files_scanned = 0;
    for (const fs::path& path : collect_files(roots)) {
        std::ifstream stream(path, std::ios::binary);
        if (!stream) {
            std::cerr << "vigil: " << path.string() << ": cannot read\n";
            continue;
        }
        std::stringstream buffer;
        buffer << stream.rdbuf();
        const std::string text = buffer.str();
        const auto tree = syntax::parse_python(parser.get(), text);
        const auto findings = analysis::analyze(text, tree.get(), path.string(), config);
        ++files_scanned;
        const protocol::LineIndex index(text);
        for (const analysis::Finding& finding : findings) {
            const auto position = index.position_of(finding.start, protocol::PositionEncoding::Utf32);
            out << path.string() << ':' << position.line + 1 << ':' << position.character + 1 << ": "
                << finding.code << " [" << analysis::level_name(finding.severity) << '/'
                << analysis::level_name(finding.confidence) << "] " << finding.message << '\n';
        }
        total += findings.size();
    }
    out << "Scanned " << files_scanned << " file" << (files_scanned == 1 ? "" : "s") << ", "
        << total << " finding" << (total == 1 ? "" : "s") << ".\n";
    return total == 0 ? 0 : 1;
}

} // namespace vigil::server

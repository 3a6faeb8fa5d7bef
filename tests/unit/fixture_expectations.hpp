// What the rule and dependency fixtures say they expect: the codes written on each line as
// "# expect: B602, B607". Shared by the tests that run the fixtures.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace vigil::test {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::stringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

// line (1-based) -> expected codes, with repeats.
inline std::map<std::size_t, std::multiset<std::string>> expectations(const std::string& text) {
    std::map<std::size_t, std::multiset<std::string>> expected;
    std::istringstream lines(text);
    std::string line;
    for (std::size_t number = 1; std::getline(lines, line); ++number) {
        const std::size_t marker = line.find("# expect:");
        if (marker == std::string::npos) {
            continue;
        }
        std::string codes = line.substr(marker + 9);
        for (char& c : codes) {
            if (c == ',') {
                c = ' ';
            }
        }
        std::istringstream words(codes);
        for (std::string code; words >> code;) {
            expected[number].insert(code);
        }
    }
    return expected;
}

} // namespace vigil::test

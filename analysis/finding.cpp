#include "analysis/finding.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace vigil::analysis {

std::string_view level_name(Level level) {
    switch (level) {
    case Level::Undefined:
        return "UNDEFINED";
    case Level::Low:
        return "LOW";
    case Level::Medium:
        return "MEDIUM";
    case Level::High:
        return "HIGH";
    }
    return "UNDEFINED";
}

std::optional<Level> level_from_name(std::string_view name) {
    std::string upper(name);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (Level level : {Level::Undefined, Level::Low, Level::Medium, Level::High}) {
        if (upper == level_name(level)) {
            return level;
        }
    }
    return std::nullopt;
}

} // namespace vigil::analysis

#include "server/check/baseline.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

namespace vigil::server::check {

std::optional<Baseline> Baseline::load(const std::string& file, std::string& error) {
    std::ifstream stream(file, std::ios::binary);
    if (!stream) {
        error = "cannot read the baseline " + file;
        return std::nullopt;
    }
    nlohmann::json report;
    try {
        report = nlohmann::json::parse(stream);
    } catch (const nlohmann::json::exception& exception) {
        error = "the baseline " + file + " is not JSON: " + exception.what();
        return std::nullopt;
    }
    if (!report.is_array()) {
        error = "the baseline " + file + " is not a vigil JSON report (expected an array)";
        return std::nullopt;
    }
    Baseline baseline;
    for (const nlohmann::json& element : report) {
        if (!element.is_object()) {
            continue;
        }
        const auto path = element.find("path");
        const auto code = element.find("code");
        const auto fingerprint = element.find("fingerprint");
        if (path == element.end() || code == element.end() || fingerprint == element.end() ||
            !path->is_string() || !code->is_string() || !fingerprint->is_string()) {
            continue;
        }
        baseline.keys_.insert(key(path->get<std::string>(), code->get<std::string>(),
                                  fingerprint->get<std::string>()));
    }
    return baseline;
}

bool Baseline::contains(const std::string& path, const std::string& code,
                        const std::string& fingerprint) const {
    return keys_.contains(key(path, code, fingerprint));
}

std::string Baseline::key(const std::string& path, const std::string& code,
                          const std::string& fingerprint) {
    std::string result;
    result.reserve(path.size() + code.size() + fingerprint.size() + 2);
    result += path;
    result += '\0';
    result += code;
    result += '\0';
    result += fingerprint;
    return result;
}

} // namespace vigil::server::check

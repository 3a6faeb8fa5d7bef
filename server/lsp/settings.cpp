#include "server/lsp/settings.hpp"

#include <spdlog/spdlog.h>

namespace vigil::server {

namespace {

std::optional<std::string> read_string(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string()) {
        spdlog::warn("setting vigil.{} ignored: expected a string", key);
        return std::nullopt;
    }
    return it->get<std::string>();
}

std::vector<std::string> read_strings(const nlohmann::json& object, const char* key) {
    std::vector<std::string> values;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        return values;
    }
    if (it->is_string()) {
        values.push_back(it->get<std::string>()); // a single code is accepted as a list of one
        return values;
    }
    if (!it->is_array()) {
        spdlog::warn("setting vigil.{} ignored: expected a list of strings", key);
        return values;
    }
    for (const auto& item : *it) {
        if (item.is_string()) {
            values.push_back(item.get<std::string>());
        } else {
            spdlog::warn("setting vigil.{}: a non-string entry was ignored", key);
        }
    }
    return values;
}

} // namespace

EditorSettings parse_editor_settings(const nlohmann::json& value) {
    EditorSettings settings;
    const nlohmann::json* object = &value;
    if (value.is_object() && value.contains("vigil") && value["vigil"].is_object()) {
        object = &value["vigil"];
    }
    if (!object->is_object()) {
        return settings;
    }
    settings.profile = read_string(*object, "profile");
    settings.select = read_strings(*object, "select");
    settings.ignore = read_strings(*object, "ignore");
    settings.severity = read_string(*object, "severity");
    settings.confidence = read_string(*object, "confidence");
    settings.suppression_style = read_string(*object, "suppressionStyle");
    settings.rule_docs_url = read_string(*object, "ruleDocsUrl");
    if (const auto it = object->find("debounceMs"); it != object->end()) {
        if (it->is_number_integer() && it->get<std::int64_t>() >= 0) {
            settings.debounce = std::chrono::milliseconds(it->get<std::int64_t>());
        } else {
            spdlog::warn("setting vigil.debounceMs ignored: expected a non-negative integer");
        }
    }
    return settings;
}

} // namespace vigil::server

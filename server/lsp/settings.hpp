// Editor settings as the client sends them (initializationOptions, workspace/configuration for
// the "vigil" section, or a didChangeConfiguration payload), read leniently: unknown keys are
// ignored and a value of the wrong type is dropped with a warning, never an error.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace vigil::server {

struct EditorSettings {
    std::optional<std::string> profile; // "default" | "bandit"
    std::vector<std::string> select;    // rule codes or prefixes; empty: as configured
    std::vector<std::string> ignore;
    std::optional<std::string> severity;   // minimum severity: "low" | "medium" | "high"
    std::optional<std::string> confidence; // minimum confidence
    std::optional<std::chrono::milliseconds> debounce;
    std::optional<std::string> suppression_style; // "nosec" (default) | "noqa" | "vigil"
    std::optional<std::string> rule_docs_url;     // "https://.../{code}.html": hosted rule pages

    friend bool operator==(const EditorSettings&, const EditorSettings&) = default;
};

// Accepts either the settings object itself or one holding it under "vigil".
EditorSettings parse_editor_settings(const nlohmann::json& value);

} // namespace vigil::server

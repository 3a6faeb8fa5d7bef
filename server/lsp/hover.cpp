#include "server/lsp/hover.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/rule_docs.hpp"
#include "server/lsp/diagnostics.hpp"

#include <set>

namespace vigil::server {

nlohmann::json hover_at(const PublishedResult& result, protocol::Position position) {
    std::string markdown;
    std::set<std::string> shown;
    const nlohmann::json* first_range = nullptr;
    for (const nlohmann::json& diagnostic : result.diagnostics) {
        const nlohmann::json& range = diagnostic["range"];
        const protocol::Range span = range_from_json(range);
        if (position < span.start || span.end < position) {
            continue;
        }
        const std::string code = diagnostic["code"].get<std::string>();
        const analysis::Rule* rule = analysis::find_rule(code);
        if (!rule || !shown.insert(code).second) {
            continue;
        }
        if (!markdown.empty()) {
            markdown += "\n---\n\n";
        }
        markdown += "**" + diagnostic["message"].get<std::string>() + "**\n\n";
        if (const auto related = diagnostic.find("relatedInformation");
            related != diagnostic.end() && related->is_array()) {
            // The way the data came, one line a step (lines 1-based, as editors show them).
            markdown += "Path:\n\n";
            std::size_t number = 1;
            for (const nlohmann::json& step : *related) {
                const protocol::Range at = range_from_json(step["location"]["range"]);
                markdown += std::to_string(number++) + ". line " +
                            std::to_string(at.start.line + 1) + ": " +
                            step.value("message", std::string()) + "\n";
            }
            markdown += "\n";
        }
        markdown += analysis::rule_markdown(rule->info);
        if (!first_range) {
            first_range = &range;
        }
    }
    if (markdown.empty()) {
        return nullptr;
    }
    return {{"contents", {{"kind", "markdown"}, {"value", markdown}}}, {"range", *first_range}};
}

} // namespace vigil::server

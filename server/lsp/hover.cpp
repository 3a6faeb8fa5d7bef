#include "server/lsp/hover.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/rule_docs.hpp"

#include <set>
#include <tuple>

namespace vigil::server {

namespace {

protocol::Position read_position(const nlohmann::json& value) {
    return {value["line"].get<std::uint32_t>(), value["character"].get<std::uint32_t>()};
}

bool before_or_at(protocol::Position a, protocol::Position b) {
    return std::tie(a.line, a.character) <= std::tie(b.line, b.character);
}

} // namespace

nlohmann::json hover_at(const PublishedResult& result, protocol::Position position) {
    std::string markdown;
    std::set<std::string> shown;
    const nlohmann::json* first_range = nullptr;
    for (const nlohmann::json& diagnostic : result.diagnostics) {
        const nlohmann::json& range = diagnostic["range"];
        if (!before_or_at(read_position(range["start"]), position) ||
            !before_or_at(position, read_position(range["end"]))) {
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

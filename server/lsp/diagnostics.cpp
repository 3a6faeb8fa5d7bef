#include "server/lsp/diagnostics.hpp"

#include "analysis/analyzer.hpp"

#include <filesystem>

namespace vigil::server {

int lsp_severity(analysis::Level severity) {
    switch (severity) {
    case analysis::Level::High:
        return 1;
    case analysis::Level::Medium:
        return 2;
    case analysis::Level::Low:
        return 3;
    case analysis::Level::Undefined:
        return 4;
    }
    return 4;
}

protocol::Range range_from_json(const nlohmann::json& range) {
    auto position = [&](const char* name) {
        const nlohmann::json& value = range.value(name, nlohmann::json::object());
        return protocol::Position{value.value("line", 0u), value.value("character", 0u)};
    };
    return {position("start"), position("end")};
}

nlohmann::json to_lsp_range(const protocol::LineIndex& index, std::size_t start, std::size_t end,
                            protocol::PositionEncoding encoding) {
    const protocol::Position from = index.position_of(start, encoding);
    const protocol::Position to = index.position_of(end, encoding);
    return {{"start", {{"line", from.line}, {"character", from.character}}},
            {"end", {{"line", to.line}, {"character", to.character}}}};
}

nlohmann::json to_diagnostics(std::string_view text, const std::vector<analysis::Finding>& findings,
                              protocol::PositionEncoding encoding, std::string_view result_id,
                              std::string_view docs_url, std::string_view uri) {
    const protocol::LineIndex index(text);
    nlohmann::json diagnostics = nlohmann::json::array();
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const analysis::Finding& finding = findings[i];
        const analysis::Rule* rule = analysis::find_rule(finding.code);
        constexpr int hint = 4; // DiagnosticSeverity.Hint
        diagnostics.push_back({
            {"range", to_lsp_range(index, finding.start, finding.end, encoding)},
            {"severity", rule && rule->info.editor_hint ? hint : lsp_severity(finding.severity)},
            {"code", finding.code},
            {"source", "vigil"},
            {"message", finding.message},
            {"data",
             {{"resultId", result_id},
              {"index", i},
              {"severity", analysis::level_name(finding.severity)},
              {"confidence", analysis::level_name(finding.confidence)},
              {"cwe", finding.cwe},
              {"fixable", !finding.fixes.empty()}}},
        });
        if (!docs_url.empty()) {
            std::string href(docs_url);
            if (const std::size_t at = href.find("{code}"); at != std::string::npos) {
                href.replace(at, 6, finding.code);
            }
            diagnostics.back()["codeDescription"] = {{"href", href}};
        }
        if (!finding.flow.empty()) {
            nlohmann::json related = nlohmann::json::array();
            for (const analysis::FlowStep& step : finding.flow) {
                related.push_back(
                    {{"location",
                      {{"uri", uri},
                       {"range", to_lsp_range(index, step.start, step.end, encoding)}}},
                     {"message", step.message}});
            }
            diagnostics.back()["relatedInformation"] = std::move(related);
        }
    }
    return diagnostics;
}

std::string find_rule_pages() {
    namespace fs = std::filesystem;
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    std::vector<fs::path> candidates;
    if (!error) {
        candidates.push_back(executable.parent_path() / "../share/vigil/rules");
        candidates.push_back(executable.parent_path() / "../../rules");
    }
    candidates.emplace_back(VIGIL_SOURCE_DIR "/analysis/rules/docs");
    for (const fs::path& candidate : candidates) {
        if (fs::exists(candidate / "README.md", error)) {
            return "file://" + fs::weakly_canonical(candidate, error).string() + "/{code}.md";
        }
    }
    return {};
}

} // namespace vigil::server

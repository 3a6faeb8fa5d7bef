#include "server/lsp/code_actions.hpp"

#include "analysis/fixes.hpp"
#include "server/lsp/diagnostics.hpp"

#include <tuple>

namespace vigil::server {

using nlohmann::json;

namespace {

constexpr std::string_view fix_all_kind = "source.fixAll.vigil";

json text_edits(const Document& document, const std::vector<analysis::TextEdit>& edits,
                protocol::PositionEncoding encoding) {
    const protocol::LineIndex index(document.file.text());
    json out = json::array();
    for (const analysis::TextEdit& edit : edits) {
        out.push_back({{"range", to_lsp_range(index, edit.start, edit.end, encoding)},
                       {"newText", edit.replacement}});
    }
    return out;
}

json workspace_edit(const Document& document, json edits, const CodeActionSupport& support) {
    if (support.document_changes) {
        return {{"documentChanges",
                 {{{"textDocument", {{"uri", document.uri}, {"version", document.version}}},
                   {"edits", std::move(edits)}}}}};
    }
    return {{"changes", {{document.uri, std::move(edits)}}}};
}

std::tuple<std::uint32_t, std::uint32_t> position_tuple(const json& position) {
    return {position.value("line", 0u), position.value("character", 0u)};
}

bool ranges_touch(const json& a, const json& b) {
    return position_tuple(a["start"]) <= position_tuple(b["end"]) &&
           position_tuple(b["start"]) <= position_tuple(a["end"]);
}

// The edits an action stands for: one fix of one finding, or every safe fix of the file.
std::optional<std::vector<analysis::TextEdit>> edits_for(const PublishedResult& result,
                                                         const json& data) {
    if (data.value("fixAll", false)) {
        return analysis::merge_safe_fixes(result.findings);
    }
    const auto index = data.value("index", std::size_t{0});
    const auto fix = data.value("fix", std::size_t{0});
    if (index >= result.findings.size() || fix >= result.findings[index].fixes.size()) {
        return std::nullopt;
    }
    return result.findings[index].fixes[fix].edits;
}

json make_action(const Document& document, std::string title, std::string_view kind,
                 json diagnostics, bool preferred, json data, protocol::PositionEncoding encoding,
                 const CodeActionSupport& support) {
    json action = {{"title", std::move(title)}, {"kind", kind}};
    if (!diagnostics.empty()) {
        action["diagnostics"] = std::move(diagnostics);
    }
    if (preferred) {
        action["isPreferred"] = true;
    }
    if (support.resolve_edit) {
        action["data"] = std::move(data); // the edit is computed in codeAction/resolve
    } else if (const auto edits = edits_for(*document.result, data)) {
        action["edit"] = workspace_edit(document, text_edits(document, *edits, encoding), support);
    }
    return action;
}

} // namespace

bool kind_wanted(std::string_view kind, const json* only) {
    if (!only || !only->is_array() || only->empty()) {
        return true;
    }
    for (const json& entry : *only) {
        if (!entry.is_string()) {
            continue;
        }
        const std::string wanted = entry.get<std::string>();
        if (kind == wanted || (kind.size() > wanted.size() && kind.substr(0, wanted.size()) == wanted &&
                               kind[wanted.size()] == '.')) {
            return true;
        }
    }
    return false;
}

json code_actions(const Document& document, const json& params,
                  protocol::PositionEncoding encoding, const CodeActionSupport& support) {
    json actions = json::array();
    if (!support.literals || !document.result) {
        return actions;
    }
    const PublishedResult& result = *document.result;
    const json& range = params.at("range");
    const json* only = params.contains("context") && params["context"].contains("only")
                           ? &params["context"]["only"]
                           : nullptr;

    if (kind_wanted("quickfix", only)) {
        for (std::size_t i = 0; i < result.findings.size(); ++i) {
            const json& diagnostic = result.diagnostics[i];
            if (!ranges_touch(diagnostic["range"], range)) {
                continue;
            }
            const analysis::Finding& finding = result.findings[i];
            for (std::size_t f = 0; f < finding.fixes.size(); ++f) {
                const analysis::Fix& fix = finding.fixes[f];
                const bool safe = fix.applicability == analysis::Applicability::Safe;
                actions.push_back(make_action(
                    document, fix.title + (safe ? "" : " (unsafe)"), "quickfix",
                    json::array({diagnostic}), safe && f == 0,
                    {{"uri", document.uri}, {"resultId", result.result_id}, {"index", i}, {"fix", f}},
                    encoding, support));
            }
        }
    }
    if (kind_wanted(fix_all_kind, only) &&
        !analysis::merge_safe_fixes(result.findings).empty()) {
        actions.push_back(make_action(document, "Vigil: fix all safe issues", fix_all_kind,
                                      json::array(), false,
                                      {{"uri", document.uri},
                                       {"resultId", result.result_id},
                                       {"fixAll", true}},
                                      encoding, support));
    }
    return actions;
}

std::optional<json> resolve_code_action(const Document& document, const json& action,
                                        protocol::PositionEncoding encoding,
                                        const CodeActionSupport& support) {
    const json data = action.value("data", json::object());
    if (!document.result || document.result->generation != document.generation ||
        data.value("resultId", std::string()) != document.result->result_id) {
        return std::nullopt;
    }
    const auto edits = edits_for(*document.result, data);
    if (!edits) {
        return std::nullopt;
    }
    json resolved = action;
    resolved["edit"] = workspace_edit(document, text_edits(document, *edits, encoding), support);
    return resolved;
}

} // namespace vigil::server

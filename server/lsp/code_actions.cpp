#include "server/lsp/code_actions.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/fixes.hpp"
#include "server/lsp/diagnostics.hpp"

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

bool ranges_touch(const protocol::Range& a, const protocol::Range& b) {
    return a.start <= b.end && b.start <= a.end;
}

// The edits an action stands for: one fix of one finding, a suppression comment for one
// finding, or every safe fix of the file.
std::optional<std::vector<analysis::TextEdit>> edits_for(const Document& document, const json& data,
                                                         analysis::SuppressionStyle style) {
    const PublishedResult& result = *document.result;
    if (data.value("fixAll", false)) {
        return analysis::merge_safe_fixes(result.findings);
    }
    const auto index = data.value("index", std::size_t{0});
    if (index >= result.findings.size()) {
        return std::nullopt;
    }
    const analysis::Finding& finding = result.findings[index];
    if (data.value("suppress", false)) {
        const analysis::Rule* rule = analysis::find_rule(finding.code);
        const auto edit = analysis::suppression_edit(
            document.file.text(), document.file.tree(),
            {finding.start, finding.code, rule ? rule->info.ruff_code : std::string_view{}, style});
        if (!edit) {
            return std::nullopt;
        }
        return std::vector<analysis::TextEdit>{*edit};
    }
    const auto fix = data.value("fix", std::size_t{0});
    if (fix >= finding.fixes.size()) {
        return std::nullopt;
    }
    return finding.fixes[fix].edits;
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
    } else if (const auto edits = edits_for(document, data, support.suppression_style)) {
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
        if (kind == wanted ||
            (kind.size() > wanted.size() && kind.substr(0, wanted.size()) == wanted &&
             kind[wanted.size()] == '.')) {
            return true;
        }
    }
    return false;
}

json code_actions(const Document& document, const json& params, protocol::PositionEncoding encoding,
                  const CodeActionSupport& support) {
    json actions = json::array();
    if (!support.literals || !document.result) {
        return actions;
    }
    const PublishedResult& result = *document.result;
    const protocol::Range range = range_from_json(params.at("range"));
    const json* only = params.contains("context") && params["context"].contains("only")
                           ? &params["context"]["only"]
                           : nullptr;

    if (kind_wanted("quickfix", only)) {
        for (std::size_t i = 0; i < result.findings.size(); ++i) {
            const json& diagnostic = result.diagnostics[i];
            if (!ranges_touch(range_from_json(diagnostic["range"]), range)) {
                continue;
            }
            const analysis::Finding& finding = result.findings[i];
            for (std::size_t f = 0; f < finding.fixes.size(); ++f) {
                const analysis::Fix& fix = finding.fixes[f];
                const bool safe = fix.applicability == analysis::Applicability::Safe;
                actions.push_back(make_action(document, fix.title + (safe ? "" : " (unsafe)"),
                                              "quickfix", json::array({diagnostic}), safe && f == 0,
                                              {{"uri", document.uri},
                                               {"resultId", result.result_id},
                                               {"index", i},
                                               {"fix", f}},
                                              encoding, support));
            }
            // Suppressing is always possible, unless the line already suppresses everything.
            const bool suppressible =
                edits_for(document, {{"index", i}, {"suppress", true}}, support.suppression_style)
                    .has_value();
            if (suppressible) {
                actions.push_back(make_action(document,
                                              "Suppress " + finding.code + " on this line",
                                              "quickfix", json::array({diagnostic}), false,
                                              {{"uri", document.uri},
                                               {"resultId", result.result_id},
                                               {"index", i},
                                               {"suppress", true}},
                                              encoding, support));
            }
        }
    }
    if (kind_wanted(fix_all_kind, only) && !analysis::merge_safe_fixes(result.findings).empty()) {
        actions.push_back(
            make_action(document, "Vigil: fix all safe issues", fix_all_kind, json::array(), false,
                        {{"uri", document.uri}, {"resultId", result.result_id}, {"fixAll", true}},
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
    const auto edits = edits_for(document, data, support.suppression_style);
    if (!edits) {
        return std::nullopt;
    }
    json resolved = action;
    resolved["edit"] = workspace_edit(document, text_edits(document, *edits, encoding), support);
    return resolved;
}

} // namespace vigil::server

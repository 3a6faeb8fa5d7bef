#include "server/check/scan_file.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/dependencies/requirements.hpp"
#include "analysis/fixes.hpp"
#include "analysis/syntax/source_file.hpp"
#include "protocol/position.hpp"
#include "server/check/fingerprint.hpp"
#include "server/check/fixer.hpp"
#include "server/check/source.hpp"

#include <algorithm>
#include <iostream>
#include <unordered_map>

namespace vigil::server::check {

namespace {

using protocol::PositionEncoding;

// The first ERROR or MISSING node, descending only into subtrees that contain one.
std::optional<TSNode> first_syntax_error(TSNode root) {
    if (!ts_node_has_error(root)) {
        return std::nullopt;
    }
    TSNode node = root;
    while (true) {
        if (std::string_view(ts_node_type(node)) == "ERROR" || ts_node_is_missing(node)) {
            return node;
        }
        const uint32_t count = ts_node_child_count(node);
        bool descended = false;
        for (uint32_t i = 0; i < count; ++i) {
            const TSNode child = ts_node_child(node, i);
            if (ts_node_has_error(child) || ts_node_is_missing(child)) {
                node = child;
                descended = true;
                break;
            }
        }
        if (!descended) {
            return node;
        }
    }
}

std::string_view line_text(std::string_view text, const protocol::LineIndex& index,
                           std::uint32_t line) {
    const std::size_t start = index.offset_of({line, 0}, PositionEncoding::Utf8);
    std::size_t end = start;
    while (end < text.size() && text[end] != '\n' && text[end] != '\r') {
        ++end;
    }
    return text.substr(start, end - start);
}

// The text of line `row` with every character of the `secrets` ranges on it replaced by '*'
// (one per code point, so that columns and carets stay where they were).
std::string masked_line(std::string_view text, const protocol::LineIndex& index, std::uint32_t row,
                        const std::vector<std::pair<std::size_t, std::size_t>>& secrets) {
    const std::string_view line = line_text(text, index, row);
    const std::size_t line_start = static_cast<std::size_t>(line.data() - text.data());
    std::string masked;
    masked.reserve(line.size());
    for (std::size_t i = 0; i < line.size();) {
        const std::size_t at = line_start + i;
        const bool secret = std::any_of(secrets.begin(), secrets.end(), [&](const auto& range) {
            return range.first <= at && at < range.second;
        });
        std::size_t length = 1; // the code point's bytes
        while (i + length < line.size() &&
               (static_cast<unsigned char>(line[i + length]) & 0xC0) == 0x80) {
            ++length;
        }
        if (secret) {
            masked += '*';
        } else {
            masked.append(line.substr(i, length));
        }
        i += length;
    }
    return masked;
}

FileReport scan_text(const std::string& path, const std::string& text, TSParser* parser,
                     const ScanContext& context, bool from_disk);

// --diff and --fix: one round of the file's safe fixes (fixes that overlap another are left for
// the next run). With --fix the file is rewritten and what remains is reported.
bool apply_fix_mode(const std::string& path, const std::string& text,
                    const std::vector<analysis::Finding>& findings, TSParser* parser,
                    const ScanContext& context, FileReport& report) {
    const std::vector<analysis::TextEdit> edits = analysis::merge_safe_fixes(findings);
    if (edits.empty()) {
        return false;
    }
    if (context.fix_mode == ScanContext::FixMode::Diff) {
        report.diff = unified_diff(path, text, edits);
        return false;
    }
    const std::string fixed = analysis::apply_edits(text, edits);
    std::string error;
    switch (write_if_unchanged(path, text, fixed, error)) {
    case WriteOutcome::Written: {
        ScanContext plain = context;
        plain.fix_mode = ScanContext::FixMode::None;
        const std::size_t before = findings.size();
        report = scan_text(path, fixed, parser, plain, false);
        report.fixed = before > report.findings.size() ? before - report.findings.size() : 0;
        return true;
    }
    case WriteOutcome::ChangedOnDisk:
        report.notices.push_back({Notice::Kind::Error, path,
                                  "not fixed: the file changed on disk since it was read (or is "
                                  "not plain UTF-8)"});
        return false;
    case WriteOutcome::Failed:
        report.notices.push_back({Notice::Kind::Error, path, "not fixed: " + error});
        return false;
    }
    return false;
}

FileReport scan_text(const std::string& path, const std::string& text, TSParser* parser,
                     const ScanContext& context, bool from_disk) {
    FileReport report;
    report.path = path;
    // Requirements files and pyproject.toml go to the dependency checker, not the Python parser;
    // from there on, their findings are reported like any other.
    const analysis::DependencyFormat format = analysis::dependency_format_of_path(path);
    syntax::TreePtr tree;
    std::optional<protocol::LineIndex> index;
    if (format == analysis::DependencyFormat::None) {
        if (std::optional<std::string> reason = analysis::unanalysable(text)) {
            report.notices.push_back({Notice::Kind::Error, path, std::move(*reason)});
            return report;
        }
        tree = syntax::parse_python(parser, text);
        if (!tree) {
            report.notices.push_back({Notice::Kind::Error, path, "cannot parse, skipped"});
            return report;
        }
        if (const std::optional<TSNode> error = first_syntax_error(ts_tree_root_node(tree.get()))) {
            index.emplace(text);
            const auto position =
                index->position_of(ts_node_start_byte(*error), PositionEncoding::Utf32);
            report.notices.push_back({Notice::Kind::SyntaxError, path,
                                      "syntax error; analysed the parts that parse",
                                      position.line + 1, position.character + 1});
        }
    }
    report.analysed = true;
    if (context.floor != Floor::None) {
        if (context.floor == Floor::Walk && tree) {
            syntax::visit_every_node(ts_tree_root_node(tree.get()));
        }
        return report;
    }
    analysis::LoadedConfig loaded = context.loader->for_file(path);
    if (loaded.error && context.config_errors) {
        context.config_errors->report(*loaded.error);
    }
    analysis::apply_overrides(loaded.config, context.overrides);
    const std::vector<analysis::Finding> findings =
        format == analysis::DependencyFormat::None
            ? analysis::analyze(text, tree.get(), path, loaded.config)
            : analysis::check_dependencies(text, path, loaded.config, format);
    if (from_disk && context.fix_mode != ScanContext::FixMode::None &&
        apply_fix_mode(path, text, findings, parser, context, report)) {
        return report;
    }
    if (findings.empty()) {
        return report;
    }
    if (!index) {
        index.emplace(text);
    }
    // The byte ranges that hold secrets (findings of rules that reveal one): the text report
    // shows a finding's source line, and on such a line, whatever finding it is for, they are
    // masked, as messages never name the value.
    std::vector<std::pair<std::size_t, std::size_t>> secrets;
    for (const analysis::Finding& finding : findings) {
        const analysis::Rule* rule = analysis::find_rule(finding.code);
        if (rule && rule->info.reveals_secret) {
            secrets.emplace_back(finding.start, finding.end);
        }
    }
    std::unordered_map<std::uint64_t, std::uint32_t> occurrences;
    for (const analysis::Finding& finding : findings) {
        const auto start = index->position_of(finding.start, PositionEncoding::Utf32);
        const auto end =
            index->position_of(std::max(finding.end, finding.start), PositionEncoding::Utf32);
        ReportFinding out;
        out.code = finding.code;
        out.message = finding.message;
        out.severity = finding.severity;
        out.confidence = finding.confidence;
        out.cwe = finding.cwe;
        out.line = start.line + 1;
        out.column = start.character + 1;
        out.end_line = end.line + 1;
        out.end_column = end.character + 1;
        out.fix_available = !finding.fixes.empty();
        out.source_line = std::string(line_text(text, *index, start.line));
        const std::uint64_t key = line_key(out.code, path, out.source_line);
        const std::uint32_t occurrence = occurrences[key]++;
        out.fingerprint = fingerprint(out.code, path, out.source_line, occurrence);
        if (!secrets.empty()) {
            out.source_line = masked_line(text, *index, start.line, secrets);
        }
        for (const analysis::FlowStep& step : finding.flow) {
            const auto from = index->position_of(step.start, PositionEncoding::Utf32);
            const auto to =
                index->position_of(std::max(step.end, step.start), PositionEncoding::Utf32);
            out.flow.push_back(
                {from.line + 1, from.character + 1, to.line + 1, to.character + 1, step.message});
        }
        out.in_baseline = context.baseline != nullptr &&
                          context.baseline->contains(path, out.code, out.fingerprint);
        report.findings.push_back(std::move(out));
    }
    return report;
}

FileReport skipped(const std::string& path, std::string message) {
    FileReport report;
    report.path = path;
    report.notices.push_back({Notice::Kind::Error, path, std::move(message)});
    return report;
}

} // namespace

void ConfigErrorLog::report(const analysis::ConfigError& error) {
    std::lock_guard lock(mutex_);
    if (reported_.insert(error.path).second) {
        std::cerr << "vigil: " << error.path << ':' << error.line << ": " << error.message << '\n';
    }
}

FileReport scan_path(const std::string& path, TSParser* parser, const ScanContext& context) {
    SourceText source = read_python_source(path);
    if (!source.error.empty()) {
        return skipped(path, std::move(source.error));
    }
    return scan_text(path, source.text, parser, context, true);
}

FileReport scan_bytes(const std::string& path, std::string bytes, TSParser* parser,
                      const ScanContext& context) {
    SourceText source = decode_python_source(std::move(bytes));
    if (!source.error.empty()) {
        return skipped(path, std::move(source.error));
    }
    return scan_text(path, source.text, parser, context, false);
}

} // namespace vigil::server::check

// The SARIF 2.1.0 report, as GitHub code scanning accepts it: one run, tool.driver "vigil" with
// every rule (so results can be streamed: ruleIndex is known before the first file), results in
// file order, and the files that could not be scanned as toolExecutionNotifications of the one
// invocation. URIs are relative to the working directory (uriBaseId %SRCROOT%, which in CI is the
// repository's root); a file outside it gets an absolute file: URI.
#include "server/check/report.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/rule_docs.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <unordered_map>

namespace vigil::server::check {

namespace {

using ordered_json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr const char* fingerprint_key = "vigilLineHash/v1";

std::string percent_encode(std::string_view path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out.push_back(ch);
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

const char* sarif_level(analysis::Level severity) {
    switch (severity) {
    case analysis::Level::High:
        return "error";
    case analysis::Level::Medium:
        return "warning";
    case analysis::Level::Low:
        return "note";
    case analysis::Level::Undefined:
        break;
    }
    return "warning";
}

// GitHub: over 9.0 is critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low.
const char* security_severity(analysis::Level severity) {
    switch (severity) {
    case analysis::Level::High:
        return "8.0";
    case analysis::Level::Medium:
        return "5.5";
    case analysis::Level::Low:
        return "3.0";
    case analysis::Level::Undefined:
        break;
    }
    return "5.5";
}

const char* precision(analysis::Level confidence) {
    switch (confidence) {
    case analysis::Level::High:
        return "high";
    case analysis::Level::Medium:
        return "medium";
    default:
        return "low";
    }
}

std::string first_sentence(std::string_view text) {
    const std::size_t end = text.find(". ");
    std::string sentence(text.substr(0, end == std::string_view::npos ? text.size() : end + 1));
    while (!sentence.empty() && (sentence.back() == '\n' || sentence.back() == ' ')) {
        sentence.pop_back();
    }
    return sentence;
}

ordered_json rule_descriptor(const analysis::RuleInfo& info) {
    ordered_json rule;
    rule["id"] = info.code;
    rule["name"] = info.name;
    const std::string what(info.doc.what);
    rule["shortDescription"] = {
        {"text", what.empty() ? std::string(info.name) : first_sentence(what)}};
    rule["fullDescription"] = {{"text", what.empty() ? std::string(info.name) : what}};
    const std::string markdown = analysis::rule_markdown(info);
    rule["help"] = {{"text", markdown}, {"markdown", markdown}};
    rule["defaultConfiguration"] = {{"level", sarif_level(info.severity)}};
    ordered_json tags = ordered_json::array({"security"});
    if (info.cwe > 0) {
        tags.push_back("external/cwe/cwe-" + std::to_string(info.cwe));
    }
    rule["properties"] = {{"tags", tags},
                          {"precision", precision(info.confidence)},
                          {"security-severity", security_severity(info.severity)}};
    return rule;
}

class SarifWriter final : public ReportWriter {
public:
    SarifWriter(std::ostream& out, SarifContext context)
        : out_(out), context_(std::move(context)) {}

    void begin() override {
        ordered_json rules = ordered_json::array();
        for (const analysis::Rule* rule : analysis::all_rules()) {
            rule_index_.emplace(std::string(rule->info.code), rules.size());
            rules.push_back(rule_descriptor(rule->info));
        }
        ordered_json driver;
        driver["name"] = "vigil";
        driver["version"] = context_.tool_version;
        driver["semanticVersion"] = context_.tool_version;
        driver["rules"] = std::move(rules);
        std::string root = context_.working_directory;
        if (root.empty() || root.back() != '/') {
            root.push_back('/');
        }
        const ordered_json base_ids = {{"%SRCROOT%", {{"uri", "file://" + percent_encode(root)}}}};
        out_ << "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
             << "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\"driver\": "
             << dump(driver) << "},\n      \"originalUriBaseIds\": " << dump(base_ids)
             << ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
    }

    void file(const FileReport& report) override {
        std::string block;
        const ordered_json artifact = artifact_location(report.path);
        for (const ReportFinding& finding : report.findings) {
            if (finding.in_baseline) {
                continue;
            }
            ordered_json result;
            result["ruleId"] = finding.code;
            if (auto it = rule_index_.find(finding.code); it != rule_index_.end()) {
                result["ruleIndex"] = it->second;
            }
            result["level"] = sarif_level(finding.severity);
            result["message"] = {{"text", finding.message}};
            ordered_json region;
            region["startLine"] = finding.line;
            region["startColumn"] = finding.column;
            region["endLine"] = finding.end_line;
            region["endColumn"] = finding.end_column;
            result["locations"] = ordered_json::array(
                {{{"physicalLocation", {{"artifactLocation", artifact}, {"region", region}}}}});
            if (!finding.flow.empty()) {
                // The path from the source to the sink: one thread flow of the steps, in order.
                ordered_json steps = ordered_json::array();
                for (const ReportFlowStep& step : finding.flow) {
                    ordered_json step_region;
                    step_region["startLine"] = step.line;
                    step_region["startColumn"] = step.column;
                    step_region["endLine"] = step.end_line;
                    step_region["endColumn"] = step.end_column;
                    steps.push_back({{"location",
                                      {{"physicalLocation",
                                        {{"artifactLocation", artifact}, {"region", step_region}}},
                                       {"message", {{"text", step.message}}}}}});
                }
                result["codeFlows"] = ordered_json::array(
                    {{{"threadFlows", ordered_json::array({{{"locations", steps}}})}}});
            }
            result["partialFingerprints"] = {{fingerprint_key, finding.fingerprint}};
            result["properties"] = {{"severity", analysis::level_name(finding.severity)},
                                    {"confidence", analysis::level_name(finding.confidence)},
                                    {"fixAvailable", finding.fix_available}};
            block += first_ ? "\n        " : ",\n        ";
            first_ = false;
            block += dump(result);
        }
        for (const Notice& notice : report.notices) {
            ordered_json location = {{"artifactLocation", artifact_location(notice.path)}};
            if (notice.line > 0) {
                location["region"] = {{"startLine", notice.line}, {"startColumn", notice.column}};
            }
            ordered_json entry;
            entry["level"] = notice.kind == Notice::Kind::Error ? "error" : "warning";
            entry["message"] = {{"text", notice.path + ": " + notice.message}};
            entry["locations"] = ordered_json::array({{{"physicalLocation", location}}});
            notifications_.push_back(std::move(entry));
        }
        if (!block.empty()) {
            out_.write(block.data(), static_cast<std::streamsize>(block.size()));
        }
    }

    void end(const ScanSummary&) override {
        ordered_json invocation;
        invocation["executionSuccessful"] = true;
        invocation["toolExecutionNotifications"] = std::move(notifications_);
        out_ << (first_ ? "]" : "\n      ]") << ",\n      \"invocations\": [" << dump(invocation)
             << "]\n    }\n  ]\n}\n";
        out_.flush();
    }

private:
    static std::string dump(const ordered_json& value) {
        return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    ordered_json artifact_location(const std::string& path) const {
        const fs::path cwd(context_.working_directory);
        const fs::path absolute = (cwd / path).lexically_normal();
        const fs::path relative = absolute.lexically_relative(cwd);
        const std::string relative_text = relative.generic_string();
        if (!relative.empty() && !relative_text.starts_with("..")) {
            return {{"uri", percent_encode(relative_text)}, {"uriBaseId", "%SRCROOT%"}};
        }
        return {{"uri", "file://" + percent_encode(absolute.generic_string())}};
    }

    std::ostream& out_;
    SarifContext context_;
    std::unordered_map<std::string, std::size_t> rule_index_;
    ordered_json notifications_ = ordered_json::array();
    bool first_ = true;
};

} // namespace

std::unique_ptr<ReportWriter> make_sarif_writer(std::ostream& out, SarifContext context) {
    return std::make_unique<SarifWriter>(out, std::move(context));
}

} // namespace vigil::server::check

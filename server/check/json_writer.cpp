// The JSON report: one array, streamed element by element. Findings:
//   {"kind": "finding", "path", "line", "column", "end_line", "end_column", "code", "severity",
//    "confidence", "cwe" (number or null), "message", "fix_available", "fingerprint",
//    ["flow": [{"line", "column", "end_line", "end_column", "message"}, ...]]}
//   (the flow array only for data-flow findings: the path from the source to the sink)
// and problems met while scanning (a file skipped, or analysed despite syntax errors):
//   {"kind": "error" | "syntax-error", "path", "message", ["line", "column"]}
// The same format is what --baseline reads and --write-baseline writes.
#include "server/check/report.hpp"

#include <nlohmann/json.hpp>

namespace vigil::server::check {

namespace {

using ordered_json = nlohmann::ordered_json;

class JsonWriter final : public ReportWriter {
public:
    JsonWriter(std::ostream& out, bool include_baseline)
        : out_(out), include_baseline_(include_baseline) {}

    void begin() override { out_ << '['; }

    void file(const FileReport& report) override {
        std::string block;
        for (const ReportFinding& finding : report.findings) {
            if (finding.in_baseline && !include_baseline_) {
                continue;
            }
            ordered_json element;
            element["kind"] = "finding";
            element["path"] = report.path;
            element["line"] = finding.line;
            element["column"] = finding.column;
            element["end_line"] = finding.end_line;
            element["end_column"] = finding.end_column;
            element["code"] = finding.code;
            element["severity"] = analysis::level_name(finding.severity);
            element["confidence"] = analysis::level_name(finding.confidence);
            element["cwe"] = finding.cwe > 0 ? ordered_json(finding.cwe) : ordered_json(nullptr);
            element["message"] = finding.message;
            element["fix_available"] = finding.fix_available;
            element["fingerprint"] = finding.fingerprint;
            if (!finding.flow.empty()) {
                ordered_json steps = ordered_json::array();
                for (const ReportFlowStep& step : finding.flow) {
                    steps.push_back({{"line", step.line},
                                     {"column", step.column},
                                     {"end_line", step.end_line},
                                     {"end_column", step.end_column},
                                     {"message", step.message}});
                }
                element["flow"] = std::move(steps);
            }
            append(block, element);
        }
        for (const Notice& notice : report.notices) {
            ordered_json element;
            element["kind"] = notice.kind == Notice::Kind::Error ? "error" : "syntax-error";
            element["path"] = notice.path;
            element["message"] = notice.message;
            if (notice.line > 0) {
                element["line"] = notice.line;
                element["column"] = notice.column;
            }
            append(block, element);
        }
        if (!block.empty()) {
            out_.write(block.data(), static_cast<std::streamsize>(block.size()));
        }
    }

    void end(const ScanSummary&) override {
        out_ << (first_ ? "]\n" : "\n]\n");
        out_.flush();
    }

private:
    void append(std::string& block, const ordered_json& element) {
        block += first_ ? "\n  " : ",\n  ";
        first_ = false;
        // Paths and messages may hold bytes that are not UTF-8 (file names): replace, never throw.
        block += element.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }

    std::ostream& out_;
    bool include_baseline_;
    bool first_ = true;
};

} // namespace

std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, bool include_baseline) {
    return std::make_unique<JsonWriter>(out, include_baseline);
}

} // namespace vigil::server::check

// The human report: one block per finding, in file order.
//
//   app/run.py:3:1: B602 [HIGH/HIGH] subprocess call with shell=True (fix available)
//       3 | subprocess.run(cmd, shell=True)
//         | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//
// Colour (ANSI) only when asked for: the runner enables it when stdout is a terminal, the report
// goes to stdout and NO_COLOR is unset.
#include "server/check/report.hpp"

#include <string>

namespace vigil::server::check {

namespace {

constexpr const char* reset = "\033[0m";
constexpr const char* bold = "\033[1m";
constexpr const char* dim = "\033[2m";

const char* severity_color(analysis::Level level) {
    switch (level) {
    case analysis::Level::High:
        return "\033[1;31m";
    case analysis::Level::Medium:
        return "\033[1;33m";
    default:
        return "\033[1;34m";
    }
}

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (char c : text) {
        count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
}

class TextWriter final : public ReportWriter {
public:
    TextWriter(std::ostream& out, bool color) : out_(out), color_(color) {}

    void file(const FileReport& report) override {
        std::string block;
        for (const ReportFinding& finding : report.findings) {
            if (finding.in_baseline) {
                continue;
            }
            append_finding(block, report.path, finding);
        }
        if (!block.empty()) {
            out_.write(block.data(), static_cast<std::streamsize>(block.size()));
        }
    }

    void end(const ScanSummary&) override { out_.flush(); }

private:
    void paint(std::string& block, const char* code, std::string_view text) const {
        if (color_) {
            block += code;
        }
        block += text;
        if (color_) {
            block += reset;
        }
    }

    void append_finding(std::string& block, const std::string& path,
                        const ReportFinding& finding) const {
        paint(block, bold,
              path + ':' + std::to_string(finding.line) + ':' + std::to_string(finding.column) +
                  ":");
        block += ' ';
        paint(block, severity_color(finding.severity), finding.code);
        block += " [";
        block += analysis::level_name(finding.severity);
        block += '/';
        block += analysis::level_name(finding.confidence);
        block += "] ";
        block += finding.message;
        if (finding.fix_available) {
            block += " (fix available)";
        }
        block += '\n';

        const std::string number = std::to_string(finding.line);
        const std::string gutter(number.size() + 5, ' ');
        std::string line_prefix = "    " + number + " | ";
        paint(block, dim, line_prefix);
        block += finding.source_line;
        block += '\n';

        // Carets under the range (to the end of the line when the range spans lines).
        std::string padding;
        std::size_t seen = 0;
        std::size_t i = 0;
        const std::string& line = finding.source_line;
        while (i < line.size() && seen + 1 < finding.column) {
            const unsigned char c = static_cast<unsigned char>(line[i]);
            padding += c == '\t' ? '\t' : ' ';
            ++i;
            while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) {
                ++i;
            }
            ++seen;
        }
        const std::size_t line_length = utf8_length(line);
        std::size_t width = 1;
        if (finding.end_line == finding.line && finding.end_column > finding.column) {
            width = finding.end_column - finding.column;
        } else if (finding.end_line > finding.line && line_length + 1 > finding.column) {
            width = line_length + 1 - finding.column;
        }
        paint(block, dim, gutter + "| ");
        block += padding;
        paint(block, severity_color(finding.severity), std::string(width, '^'));
        block += '\n';
        // A data-flow finding's path, one indented line a step.
        if (!finding.flow.empty()) {
            paint(block, dim, gutter + "= flow:\n");
            for (const ReportFlowStep& step : finding.flow) {
                paint(block, dim,
                      gutter + "    " + std::to_string(step.line) + ':' +
                          std::to_string(step.column) + ": ");
                block += step.message;
                block += '\n';
            }
        }
        block += '\n';
    }

    std::ostream& out_;
    bool color_;
};

} // namespace

std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, bool color) {
    return std::make_unique<TextWriter>(out, color);
}

} // namespace vigil::server::check

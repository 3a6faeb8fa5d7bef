#include "analysis/rule_context.hpp"

#include <atomic>

namespace vigil::analysis {

std::size_t RuleContext::next_per_file_slot() {
    static std::atomic<std::size_t> next{0};
    return next++;
}

void RuleContext::report(TSNode node, Report report) {
    this->report(ts_node_start_byte(node), ts_node_end_byte(node), std::move(report));
}

void RuleContext::report(std::size_t start, std::size_t end, Report report) {
    Finding finding;
    finding.code = std::string(rule_->info.code);
    finding.start = start;
    finding.end = end;
    finding.message = std::move(report.message);
    finding.severity = report.severity.value_or(rule_->info.severity);
    finding.confidence = report.confidence.value_or(rule_->info.confidence);
    finding.cwe = rule_->info.cwe;
    finding.fixes = std::move(report.fixes);
    finding.flow = std::move(report.flow);
    finding.anchor_start = report.anchor ? report.anchor->first : start;
    finding.anchor_end = report.anchor ? report.anchor->second : end;
    sink_.push_back(std::move(finding));
}

} // namespace vigil::analysis

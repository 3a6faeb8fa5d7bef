#include "analysis/rules/flow/flow_rule.hpp"

#include "analysis/syntax/tree_sitter.hpp"

namespace vigil::analysis::rules::flow_rules {

namespace {

// The models with the user's rows from [tool.vigil.options], kept per file.
struct FileFlows {
    models::Models models;
    flow::FlowResult result;
};

std::string_view source_words(models::SourceKinds kinds) {
    if (kinds & models::Remote) {
        return "Untrusted request data";
    }
    if (kinds & models::Local) {
        return "Command-line input";
    }
    return "An environment variable";
}

models::SourceKinds followed_sources(const RuleOptions& options) {
    models::SourceKinds followed = 0;
    for (const std::string& name : options.flow_sources) {
        followed |= models::source_kind_from_name(name);
    }
    return followed;
}

} // namespace

const flow::FlowResult& flow_result(RuleContext& context) {
    return context
        .per_file<FileFlows>([&] {
            FileFlows flows{models::Models::builtin(), {}};
            const RuleOptions& options = context.options();
            flows.models.extra_source_names = options.taint_sources;
            flows.models.extra_sanitizers = options.taint_sanitizers;
            for (const auto& [kind, names] : options.taint_sinks) {
                if (const auto sink = models::sink_kind_from_name(kind)) {
                    for (const std::string& name : names) {
                        flows.models.extra_sinks.emplace_back(name, *sink);
                    }
                }
            }
            flow::FlowOptions flow_options;
            flow_options.sources = followed_sources(options);
            flows.result = flow::analyze_flows(context.model(), flows.models, flow_options);
            return flows;
        })
        .result;
}

namespace {

// Each flow rule's sink kind, and the harm its message names.
struct FlowRuleRow {
    std::string_view code;
    models::SinkKind kind;
    std::string_view harm;
};

constexpr FlowRuleRow flow_rule_rows[] = {
    {"VG301", models::SinkKind::Sql, "as SQL"},
    {"VG302", models::SinkKind::Command, "as a shell command"},
    {"VG303", models::SinkKind::Code, "as Python code"},
    {"VG304", models::SinkKind::Path, "as a file path"},
    {"VG305", models::SinkKind::Ssrf, "as the URL of a request the server sends"},
    {"VG306", models::SinkKind::Redirect, "as the target of a redirect"},
    {"VG307", models::SinkKind::Xss, "as HTML"},
    {"VG308", models::SinkKind::Template, "as the source of a template"},
    {"VG309", models::SinkKind::Deserialization, "to a deserializer that can run code"},
    {"VG310", models::SinkKind::Ldap, "as an LDAP filter"},
    {"VG311", models::SinkKind::Xpath, "as an XPath expression"},
    {"VG312", models::SinkKind::Header, "as a response header"},
    {"VG313", models::SinkKind::Log, "into a log entry"},
    {"VG314", models::SinkKind::TrustBoundary, "into the session"},
    {"VG315", models::SinkKind::Regex, "as a regular expression"},
};

} // namespace

void check(TSNode, RuleContext& context) {
    const FlowRuleRow* row = nullptr;
    for (const FlowRuleRow& candidate : flow_rule_rows) {
        if (candidate.code == context.rule().code) {
            row = &candidate;
        }
    }
    if (!row) {
        return;
    }
    const models::SinkKind kind = row->kind;
    const std::string_view harm = row->harm;
    const models::SourceKinds followed = followed_sources(context.options());
    for (const flow::FlowHit& hit : flow_result(context).hits) {
        if (hit.kind != kind || (hit.sources & followed) == 0) {
            continue;
        }
        RuleContext::Report report;
        std::string origin;
        if (!hit.path.empty()) {
            origin = " (" + std::string(context.text(hit.path.front().node)) + ")";
            if (origin.size() > 60) {
                origin = origin.substr(0, 56) + "...)";
            }
            for (char& c : origin) {
                c = (c == '\n' || c == '\r') ? ' ' : c;
            }
        }
        report.message = std::string(source_words(hit.sources & followed)) + origin + " reaches " +
                         hit.sink_name + " " + std::string(harm) + ".";
        for (const flow::PathStep& step : hit.path) {
            report.flow.push_back(
                {ts_node_start_byte(step.node), ts_node_end_byte(step.node), step.message});
        }
        report.anchor = std::pair<std::size_t, std::size_t>(ts_node_start_byte(hit.sink),
                                                            ts_node_end_byte(hit.sink));
        context.report(hit.argument, std::move(report));
    }
}

} // namespace vigil::analysis::rules::flow_rules

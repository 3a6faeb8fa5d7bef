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

void report_flows(RuleContext& context, models::SinkKind kind, std::string_view harm) {
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

// What every data-flow rule (VG3xx) shares: the flow engine runs once per file, when the first
// of them asks, and each rule reports the hits of its own sink kind whose data is of a kind the
// configuration follows (`flow-sources`, remote by default).
#pragma once

#include "analysis/flow/engine.hpp"
#include "analysis/models/models.hpp"
#include "analysis/rule_context.hpp"

#include <string_view>

namespace vigil::analysis::rules::flow_rules {

// The engine's result for the file being analysed, with the user's models added.
const flow::FlowResult& flow_result(RuleContext& context);

// Reports every hit of `kind`: the squiggle on the data where it reaches the sink, the message
// naming where it came from and `harm` ("as SQL", "as a shell command"), and the path.
void report_flows(RuleContext& context, models::SinkKind kind, std::string_view harm);

// The node kinds flow rules register for: the module, once per file.
inline constexpr std::string_view kinds[] = {"module"};

} // namespace vigil::analysis::rules::flow_rules

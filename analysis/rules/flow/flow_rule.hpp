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

// The check of every flow rule: reports the hits of the rule's sink kind (by its code, from the
// table in flow_rule.cpp): the squiggle on the data where it reaches the sink, the message
// naming where it came from and what harm it does there, and the path.
void check(TSNode module, RuleContext& context);

// The node kinds flow rules register for: the module, once per file.
inline constexpr std::string_view kinds[] = {"module"};

// How every flow rule differs from Bandit.
inline constexpr std::string_view vs_bandit =
    "Bandit judges each call by its shape and cannot tell request data from a constant; this "
    "rule follows the data, so it finds the flaw where the value was built elsewhere and stays "
    "quiet on constants.";

} // namespace vigil::analysis::rules::flow_rules

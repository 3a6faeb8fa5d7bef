// A rule's documentation as one markdown page: what `vigil rule CODE` prints, what hovers show,
// and what the generated rule pages contain.
#pragma once

#include "analysis/rule.hpp"

#include <string>

namespace vigil::analysis {

std::string rule_markdown(const RuleInfo& info);

// "default", "bandit" or "default, bandit".
std::string profiles_text(std::uint8_t profiles);

} // namespace vigil::analysis

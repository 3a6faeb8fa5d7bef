// Every rule Vigil has, in code order. See registry.cpp for the table.
#pragma once

#include "analysis/rule.hpp"

#include <span>

namespace vigil::analysis::rules {

std::span<const Rule* const> registry();

} // namespace vigil::analysis::rules

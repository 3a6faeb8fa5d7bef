// Which rules run and with which options. Loaded from pyproject.toml / .bandit and editor settings.
#pragma once

namespace vigil::analysis {

struct Config {};

} // namespace vigil::analysis

// `vigil check`: the scanner. Its parts live in server/check/ (walker, per-file scan, filters,
// baseline, report writers, progress, runner); this header is what main.cpp includes.
#pragma once

#include "server/check/options.hpp"
#include "server/check/runner.hpp"

// `vigil check`: walks the paths on one thread, analyses files on a pool of workers (one parser
// each), and writes results on the calling thread in walk order.
//
// Memory stays bounded whatever the size of the project: the walker hands files over as it finds
// them, and it may run at most `window` files ahead of the writer (queued, being analysed, or done
// and waiting for an earlier file), so at most that many files' findings are held. Texts and
// trees are freed as soon as a file's findings are computed.
#pragma once

#include "server/check/options.hpp"

#include <ostream>

namespace vigil::server {

// Returns the exit code: 0 clean, 1 findings at or above the thresholds (unless --exit-zero),
// 2 usage or internal error. Files that cannot be read, decoded or parsed are reported and
// skipped; they do not change the exit code.
int run_check(const CheckOptions& options, std::ostream& out);

} // namespace vigil::server

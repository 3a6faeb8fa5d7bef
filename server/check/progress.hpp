// The progress line on stderr: drawn only when stderr is a terminal and the scan has run for more
// than half a second (short scans and piped runs print nothing), redrawn at most ten times a
// second, and erased before anything else is written to the terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>

namespace vigil::server::check {

class Progress {
public:
    Progress(std::ostream& err, bool enabled);

    void update(std::size_t done, std::size_t found, std::size_t findings, bool walk_done);
    void clear();

    // Whether stderr should get a progress line at all: a terminal, and TERM is not "dumb".
    static bool wanted();

private:
    std::ostream& err_;
    bool enabled_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_;
};

} // namespace vigil::server::check

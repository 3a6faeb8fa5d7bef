#include "server/check/progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace vigil::server::check {

Progress::Progress(std::ostream& err, bool enabled)
    : err_(err), enabled_(enabled), start_(std::chrono::steady_clock::now()), last_(start_) {}

bool Progress::wanted() {
    const char* term = std::getenv("TERM");
    return ::isatty(STDERR_FILENO) == 1 && !(term != nullptr && std::strcmp(term, "dumb") == 0);
}

void Progress::update(std::size_t done, std::size_t found, std::size_t findings, bool walk_done) {
    if (!enabled_) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::milliseconds(500) ||
        (drawn_ && now - last_ < std::chrono::milliseconds(100))) {
        return;
    }
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    char line[160];
    if (walk_done && found > 0) {
        constexpr int width = 30;
        const int filled = static_cast<int>(width * done / found);
        const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                                std::string(static_cast<std::size_t>(width - filled), '-');
        std::snprintf(line, sizeof line, "\r\033[K[%s] %zu/%zu files, %zu findings, %.1fs",
                      bar.c_str(), done, found, findings, seconds);
    } else {
        std::snprintf(line, sizeof line,
                      "\r\033[K%zu files scanned (%zu found so far), %zu findings, %.1fs", done,
                      found, findings, seconds);
    }
    err_ << line << std::flush;
    drawn_ = true;
}

void Progress::clear() {
    if (drawn_) {
        err_ << "\r\033[K" << std::flush;
        drawn_ = false;
    }
}

} // namespace vigil::server::check

// Logging goes to stderr or a file, never to stdout (which carries the protocol), and never
// includes document text.
#pragma once

#include <string>

namespace vigil::server {

// Installs the default spdlog logger. Returns false (after saying why on stderr) if the log file
// cannot be opened.
bool setup_logging(const std::string& log_file, const std::string& level);

} // namespace vigil::server

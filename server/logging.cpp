#include "server/logging.hpp"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

namespace vigil::server {

bool setup_logging(const std::string& log_file, const std::string& level) {
    std::shared_ptr<spdlog::logger> logger;
    try {
        if (log_file.empty()) {
            logger = spdlog::stderr_color_mt("vigil");
        } else {
            logger = spdlog::basic_logger_mt("vigil", log_file);
        }
    } catch (const spdlog::spdlog_ex& error) {
        std::cerr << "vigil: cannot open log file " << log_file << ": " << error.what() << '\n';
        return false;
    }
    logger->set_level(spdlog::level::from_str(level));
    logger->flush_on(spdlog::level::info);
    spdlog::set_default_logger(logger);
    return true;
}

} // namespace vigil::server

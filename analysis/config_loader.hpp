// Finds and reads the configuration that applies to a Python file: the nearest directory above it
// with settings, where a pyproject.toml's [tool.vigil] comes first, then Bandit's settings
// ([tool.bandit], or a .bandit INI file) for projects that have only those. A broken file never
// stops anything: the defaults apply and the error is returned so the caller can show it once, on
// that file.
#pragma once

#include "analysis/config.hpp"
#include "analysis/toml_limits.hpp" // what parse_pyproject refuses before toml++ reads it

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis {

struct ConfigError {
    std::string path;       // the configuration file
    std::uint32_t line = 0; // 1-based; 0 when unknown
    std::string message;
};

struct LoadedConfig {
    enum class Kind { Defaults, Vigil, Bandit };
    Config config;
    Kind kind = Kind::Defaults;        // which settings were found
    std::string source;                // the file the settings came from; empty for defaults
    std::optional<ConfigError> error;  // set when a file was found but could not be used
    std::vector<std::string> warnings; // unknown keys, wrong types (the rest still applies)
    std::vector<std::string> exclude;  // paths the scanner skips (exclude / exclude_dirs)
};

// Settings that override the files' (editor settings, command-line flags). Unset fields leave the
// file's value alone; `ignore` adds to the file's list, except that a `select` replaces the file's
// select and ignore lists together.
struct ConfigOverrides {
    std::optional<ProfileName> profile = std::nullopt;
    std::vector<std::string> select = {};
    std::vector<std::string> ignore = {};
    std::optional<Level> min_severity = std::nullopt;
    std::optional<Level> min_confidence = std::nullopt;
};
void apply_overrides(Config& config, const ConfigOverrides& overrides);

// Parses one configuration file's text (for tests and for the loader).
LoadedConfig parse_pyproject(const std::string& text, const std::string& path);
LoadedConfig parse_bandit_ini(const std::string& text, const std::string& path);

// Thread-safe. Remembers parsed files by path, modification time and size, and for each directory
// the configuration files on its way up, so a lookup stats those few files rather than every
// candidate in every parent. Edits to existing files are always seen; a configuration file
// created where there was none is seen after forget_directories().
class ConfigLoader {
public:
    LoadedConfig for_file(const std::filesystem::path& python_file);

    // Configuration files were created, removed or changed somewhere: walk the tree again.
    void forget_directories();

    // The error a configuration file has now (re-read if it changed); nullopt when it is fine
    // or gone.
    std::optional<ConfigError> error_in(const std::filesystem::path& config_file);

private:
    struct CachedFile {
        std::filesystem::file_time_type mtime;
        std::uintmax_t size = 0;
        LoadedConfig loaded;
    };
    const CachedFile* read(const std::filesystem::path& path);
    // The configuration files that exist from `directory` up to the first with settings, and
    // whether the walk stopped at one with settings (rather than at the root).
    struct FilesAbove {
        std::vector<std::filesystem::path> files;
        bool stopped_at_settings = false;
    };
    const FilesAbove& files_above(const std::filesystem::path& directory);

    std::mutex mutex_;
    std::map<std::filesystem::path, CachedFile> cache_;
    // Directory -> the configuration files above it, nearest first (see files_above).
    std::map<std::filesystem::path, FilesAbove> files_above_;
};

} // namespace vigil::analysis

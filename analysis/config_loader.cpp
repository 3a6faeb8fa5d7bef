#include "analysis/config_loader.hpp"

#include "analysis/models/models.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vigil::analysis {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    std::stringstream buffer;
    buffer << stream.rdbuf();
    return buffer.str();
}

// A list of strings from a TOML array (or a single string); `problem(node, message)` hears of
// each value of another type.
template <typename Problem>
std::vector<std::string> read_strings(const toml::node* node, std::string_view key,
                                      Problem&& problem) {
    std::vector<std::string> values;
    if (!node) {
        return values;
    }
    if (const auto* single = node->as_string()) {
        values.push_back(single->get());
        return values;
    }
    const auto* array = node->as_array();
    if (!array) {
        problem(*node, std::string(key) + ": expected a list of strings");
        return values;
    }
    for (const auto& element : *array) {
        if (const auto* text = element.as_string()) {
            values.push_back(text->get());
        } else {
            problem(element, std::string(key) + ": expected a list of strings, found another type");
        }
    }
    return values;
}

// For rule options: wrong types become warnings.
std::vector<std::string> strings_of(const toml::node* node, std::string_view key,
                                    std::vector<std::string>& warnings) {
    return read_strings(node, key, [&](const toml::node&, std::string message) {
        warnings.push_back(std::move(message));
    });
}

// B505's six thresholds, `weak_key_size_rsa_high` in Bandit's section or `weak-key-size-rsa-high`
// in [tool.vigil.options] (`separator` is '_' or '-').
void read_weak_key_sizes(const toml::table& table, RuleOptions& options,
                         std::vector<std::string>& warnings, char separator) {
    const std::pair<const char*, int*> sizes[] = {
        {"weak_key_size_dsa_high", &options.weak_key_size_dsa_high},
        {"weak_key_size_dsa_medium", &options.weak_key_size_dsa_medium},
        {"weak_key_size_rsa_high", &options.weak_key_size_rsa_high},
        {"weak_key_size_rsa_medium", &options.weak_key_size_rsa_medium},
        {"weak_key_size_ec_high", &options.weak_key_size_ec_high},
        {"weak_key_size_ec_medium", &options.weak_key_size_ec_medium},
    };
    for (const auto& [name, target] : sizes) {
        std::string key = name;
        std::replace(key.begin(), key.end(), '_', separator);
        if (const auto* node = table.get(key)) {
            if (const auto value = node->value<int64_t>()) {
                *target = static_cast<int>(*value);
            } else {
                warnings.push_back(key + ": expected an integer");
            }
        }
    }
}

// A value the main settings cannot take breaks the file (the first one is reported, and the
// defaults apply), as a syntax error does: a mistyped `severity` or `select` must not silently
// report something else than what was asked.
void bad_value(LoadedConfig& loaded, const std::string& path, const toml::node& node,
               std::string message) {
    if (!loaded.error) {
        loaded.error = ConfigError{path, node.source().begin.line,
                                   std::move(message) + "; using the default configuration"};
    }
}

// A list of strings (or one string) for a main setting; anything else breaks the file.
std::vector<std::string> strict_strings_of(const toml::node* node, std::string_view key,
                                           LoadedConfig& loaded, const std::string& path) {
    return read_strings(node, key, [&](const toml::node& where, std::string message) {
        bad_value(loaded, path, where, std::move(message));
    });
}

void read_vigil_table(const toml::table& vigil, LoadedConfig& loaded, const std::string& path) {
    Config& config = loaded.config;
    auto& warnings = loaded.warnings;
    static const std::vector<std::string_view> known = {
        "profile",  "select",     "ignore",  "per-file-ignores",
        "severity", "confidence", "exclude", "options"};
    for (const auto& [key, value] : vigil) {
        if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
            warnings.push_back("unknown key tool.vigil." + std::string(key.str()));
        }
    }
    if (const auto* profile = vigil.get("profile")) {
        const auto name = profile->value<std::string>();
        if (const auto parsed = name ? profile_from_name(*name) : std::nullopt) {
            config.profile = *parsed;
        } else {
            bad_value(loaded, path, *profile, "profile: expected \"default\" or \"bandit\"");
        }
    }
    config.select = strict_strings_of(vigil.get("select"), "select", loaded, path);
    config.ignore = strict_strings_of(vigil.get("ignore"), "ignore", loaded, path);
    loaded.exclude = strict_strings_of(vigil.get("exclude"), "exclude", loaded, path);
    if (const auto* per_file = vigil.get("per-file-ignores")) {
        if (const auto* table = per_file->as_table()) {
            for (const auto& [glob, codes] : *table) {
                config.per_file_ignores.emplace_back(
                    std::string(glob.str()),
                    strict_strings_of(&codes, "per-file-ignores." + std::string(glob.str()), loaded,
                                      path));
            }
        } else {
            bad_value(loaded, path, *per_file, "per-file-ignores: expected a table");
        }
    }
    for (auto [key, target] : {std::pair{"severity", &config.min_severity},
                               std::pair{"confidence", &config.min_confidence}}) {
        if (const auto* node = vigil.get(key)) {
            const auto level = node->value<std::string>();
            if (const auto parsed = level ? level_from_name(*level) : std::nullopt) {
                *target = *parsed;
            } else {
                bad_value(loaded, path, *node, std::string(key) + ": expected low, medium or high");
            }
        }
    }
    if (const auto* options = vigil["options"].as_table()) {
        RuleOptions& rule = config.options;
        auto list = [&](const char* key, std::vector<std::string>& target) {
            if (const auto* node = options->get(key)) {
                target = strings_of(node, key, warnings);
            }
        };
        list("subprocess", rule.subprocess_functions);
        list("shell", rule.shell_functions);
        list("no-shell", rule.no_shell_functions);
        list("tmp-dirs", rule.tmp_dirs);
        if (const auto* node = options->get("assert-skips")) {
            rule.assert_skips = strings_of(node, "assert-skips", warnings);
        }
        if (const auto flag = (*options)["check-typed-exception"].value<bool>()) {
            rule.check_typed_exception = *flag;
        }
        list("extend-markup-names", rule.extend_markup_names);
        list("allowed-markup-calls", rule.allowed_markup_calls);
        if (const auto* node = options->get("request-timeout")) {
            const auto seconds = node->value<double>(); // an integer or a float
            if (seconds && *seconds > 0) {
                rule.request_timeout = *seconds;
            } else {
                warnings.push_back("request-timeout: expected a positive number of seconds");
            }
        }
        // B5xx, B105-B107 options (kept together).
        list("bad-protocol-versions", rule.bad_protocol_versions);
        list("password-words", rule.password_words);
        read_weak_key_sizes(*options, rule, warnings, '-');
        // Data flow (VG3xx).
        list("flow-sources", rule.flow_sources);
        for (const std::string& kind : rule.flow_sources) {
            if (models::source_kind_from_name(kind) == 0) {
                warnings.push_back("flow-sources: unknown kind \"" + kind +
                                   "\" (expected remote, local or environment)");
            }
        }
        list("taint-sources", rule.taint_sources);
        list("taint-sanitizers", rule.taint_sanitizers);
        if (const auto* sinks = (*options)["taint-sinks"].as_table()) {
            for (const auto& [kind, names] : *sinks) {
                const std::string kind_name(kind.str());
                if (!models::sink_kind_from_name(kind_name)) {
                    warnings.push_back("taint-sinks: unknown sink kind \"" + kind_name + "\"");
                    continue;
                }
                rule.taint_sinks.emplace_back(kind_name,
                                              strings_of(&names, "taint-sinks", warnings));
            }
        }
    }
}

// Bandit's settings: tests/skips/exclude_dirs and the plugin sections its checks really read
// (keyed by the plugin's config name, e.g. shell_injection).
void read_bandit_table(const toml::table& bandit, LoadedConfig& loaded) {
    Config& config = loaded.config;
    config.profile = ProfileName::Bandit; // a Bandit project expects Bandit's checks
    config.select = strings_of(bandit.get("tests"), "tests", loaded.warnings);
    config.ignore = strings_of(bandit.get("skips"), "skips", loaded.warnings);
    loaded.exclude = strings_of(bandit.get("exclude_dirs"), "exclude_dirs", loaded.warnings);
    if (const auto* shell = bandit["shell_injection"].as_table()) {
        // A configured section replaces Bandit's defaults, as in Bandit.
        if (const auto* node = shell->get("subprocess")) {
            config.options.subprocess_functions = strings_of(node, "subprocess", loaded.warnings);
        }
        if (const auto* node = shell->get("shell")) {
            config.options.shell_functions = strings_of(node, "shell", loaded.warnings);
        }
        if (const auto* node = shell->get("no_shell")) {
            config.options.no_shell_functions = strings_of(node, "no_shell", loaded.warnings);
        }
    }
    if (const auto* tmp = bandit["hardcoded_tmp_directory"].as_table()) {
        if (const auto* node = tmp->get("tmp_dirs")) {
            config.options.tmp_dirs = strings_of(node, "tmp_dirs", loaded.warnings);
        }
    }
    if (const auto* asserts = bandit["assert_used"].as_table()) {
        if (const auto* node = asserts->get("skips")) {
            config.options.assert_skips = strings_of(node, "skips", loaded.warnings);
        }
    }
    if (const auto* handler = bandit["try_except_pass"].as_table()) {
        if (const auto flag = (*handler)["check_typed_exception"].value<bool>()) {
            config.options.check_typed_exception = *flag;
        }
    }
    if (const auto* markup = bandit["markupsafe_xss"].as_table()) {
        if (const auto* node = markup->get("extend_markup_names")) {
            config.options.extend_markup_names =
                strings_of(node, "extend_markup_names", loaded.warnings);
        }
        if (const auto* node = markup->get("allowed_calls")) {
            config.options.allowed_markup_calls =
                strings_of(node, "allowed_calls", loaded.warnings);
        }
    }
    // B5xx options (kept together).
    if (const auto* ssl = bandit["ssl_with_bad_version"].as_table()) {
        if (const auto* node = ssl->get("bad_protocol_versions")) {
            config.options.bad_protocol_versions =
                strings_of(node, "bad_protocol_versions", loaded.warnings);
        }
    }
    if (const auto* keys = bandit["weak_cryptographic_key"].as_table()) {
        read_weak_key_sizes(*keys, config.options, loaded.warnings, '_');
    }
}

} // namespace

void apply_overrides(Config& config, const ConfigOverrides& overrides) {
    if (overrides.profile) {
        config.profile = *overrides.profile;
    }
    if (!overrides.select.empty()) {
        // A selection made in the editor or on the command line replaces the file's selection
        // as a whole, its ignore list included: what the user just asked for is what runs.
        config.select = overrides.select;
        config.ignore = overrides.ignore;
    } else {
        config.ignore.insert(config.ignore.end(), overrides.ignore.begin(), overrides.ignore.end());
    }
    if (overrides.min_severity) {
        config.min_severity = *overrides.min_severity;
    }
    if (overrides.min_confidence) {
        config.min_confidence = *overrides.min_confidence;
    }
}

LoadedConfig parse_pyproject(const std::string& text, const std::string& path) {
    LoadedConfig loaded;
    if (const auto beyond = toml_beyond_limits(text)) {
        loaded.error =
            ConfigError{path, beyond->line,
                        "invalid TOML: " + beyond->message + "; using the default configuration"};
        return loaded;
    }
    toml::table document;
    try {
        document = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
        loaded.error = ConfigError{path, error.source().begin.line,
                                   "invalid TOML: " + std::string(error.description()) +
                                       "; using the default configuration"};
        return loaded;
    }
    if (const auto* vigil = document["tool"]["vigil"].as_table()) {
        loaded.kind = LoadedConfig::Kind::Vigil;
        loaded.source = path;
        read_vigil_table(*vigil, loaded, path);
        if (loaded.error) {
            LoadedConfig broken; // the defaults, and the error
            broken.error = std::move(loaded.error);
            return broken;
        }
    } else if (const auto* bandit = document["tool"]["bandit"].as_table()) {
        loaded.kind = LoadedConfig::Kind::Bandit;
        loaded.source = path;
        read_bandit_table(*bandit, loaded);
    }
    return loaded;
}

LoadedConfig parse_bandit_ini(const std::string& text, const std::string& path) {
    LoadedConfig loaded;
    loaded.kind = LoadedConfig::Kind::Bandit;
    loaded.source = path;
    loaded.config.profile = ProfileName::Bandit;
    std::istringstream lines(text);
    std::string line;
    bool in_bandit = false;
    bool seen_section = false;
    for (std::uint32_t number = 1; std::getline(lines, line); ++number) {
        const std::size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#' || line[first] == ';') {
            continue;
        }
        if (line[first] == '[') {
            const std::size_t close = line.find(']', first);
            if (close == std::string::npos) {
                loaded.error = ConfigError{path, number, "unterminated section header"};
                loaded.config = Config{};
                return loaded;
            }
            in_bandit = line.substr(first + 1, close - first - 1) == "bandit";
            seen_section = seen_section || in_bandit;
            continue;
        }
        const std::size_t equals = line.find_first_of("=:", first);
        if (equals == std::string::npos) {
            loaded.error = ConfigError{path, number, "expected key = value"};
            loaded.config = Config{};
            return loaded;
        }
        if (!in_bandit) {
            continue;
        }
        std::string key = line.substr(first, equals - first);
        key.erase(key.find_last_not_of(" \t") + 1);
        const std::string value = line.substr(equals + 1);
        if (key == "skips") {
            loaded.config.ignore = split_list(value);
        } else if (key == "tests") {
            loaded.config.select = split_list(value);
        } else if (key == "exclude") {
            loaded.exclude = split_list(value);
        }
    }
    if (!seen_section) {
        return LoadedConfig{};
    }
    return loaded;
}

const ConfigLoader::CachedFile* ConfigLoader::read(const fs::path& path) {
    std::error_code error;
    const auto mtime = fs::last_write_time(path, error);
    if (error) {
        return nullptr;
    }
    const auto size = fs::file_size(path, error);
    if (error) {
        return nullptr;
    }
    const auto it = cache_.find(path);
    if (it != cache_.end() && it->second.mtime == mtime && it->second.size == size) {
        return &it->second;
    }
    const auto text = read_text(path);
    if (!text) {
        return nullptr;
    }
    CachedFile file;
    file.mtime = mtime;
    file.size = size;
    file.loaded = path.filename() == ".bandit" ? parse_bandit_ini(*text, path.string())
                                               : parse_pyproject(*text, path.string());
    return &(cache_[path] = std::move(file));
}

std::optional<ConfigError> ConfigLoader::error_in(const fs::path& config_file) {
    std::lock_guard lock(mutex_);
    const CachedFile* file = read(config_file);
    return file ? file->loaded.error : std::nullopt;
}

namespace {

bool has_settings(const LoadedConfig& loaded) {
    return loaded.error || loaded.kind != LoadedConfig::Kind::Defaults;
}

} // namespace

const ConfigLoader::FilesAbove& ConfigLoader::files_above(const fs::path& start) {
    if (const auto known = files_above_.find(start); known != files_above_.end()) {
        return known->second;
    }
    FilesAbove above;
    for (fs::path directory = start; !directory.empty(); directory = directory.parent_path()) {
        for (const char* name : {"pyproject.toml", ".bandit"}) {
            if (const CachedFile* file = read(directory / name)) {
                above.files.push_back(directory / name);
                if (has_settings(file->loaded)) {
                    above.stopped_at_settings = true;
                    break;
                }
            }
        }
        if (above.stopped_at_settings || directory.parent_path() == directory) {
            break;
        }
    }
    return files_above_[start] = std::move(above);
}

LoadedConfig ConfigLoader::for_file(const fs::path& python_file) {
    // The nearest directory with settings decides, as with ruff: a sub-project configured for
    // Bandit keeps its Bandit settings inside a repository configured for Vigil. Within one
    // directory, [tool.vigil] comes first, then [tool.bandit], then .bandit.
    std::lock_guard lock(mutex_);
    std::error_code error;
    const fs::path directory = fs::absolute(python_file, error).parent_path();
    for (int attempt = 0; attempt < 2; ++attempt) {
        const FilesAbove& above = files_above(directory);
        bool stale = above.stopped_at_settings; // unless a file still has settings, below
        for (const fs::path& path : above.files) {
            const CachedFile* file = read(path); // re-read if it changed
            if (!file) {
                stale = true; // removed
                break;
            }
            if (has_settings(file->loaded)) {
                return file->loaded;
            }
        }
        if (!stale) {
            break;
        }
        files_above_.clear(); // the settings went away: walk up further
    }
    return LoadedConfig{};
}

void ConfigLoader::forget_directories() {
    std::lock_guard lock(mutex_);
    files_above_.clear();
}

} // namespace vigil::analysis

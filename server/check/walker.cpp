#include "server/check/walker.hpp"

#include "analysis/dependencies/requirements.hpp"
#include "server/check/ignore.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace vigil::server::check {

namespace fs = std::filesystem;

namespace {

// Virtual environments are recognised by their pyvenv.cfg, not by name: the standard library has
// a package named `venv`.
constexpr std::array<std::string_view, 19> skipped_directories = {
    ".git",
    ".hg",
    ".svn",
    ".bzr",
    "CVS",
    "_darcs",
    ".jj",
    "__pycache__",
    ".tox",
    ".nox",
    ".eggs",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".pytype",
    ".direnv",
    "node_modules",
    "__pypackages__",
    ".ipynb_checkpoints",
};

std::optional<std::string> read_small_file(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << stream.rdbuf();
    return std::move(buffer).str();
}

class Walker {
public:
    Walker(const WalkOptions& options, const std::function<void(WalkEntry)>& visit)
        : options_(options), visit_(visit) {
        std::error_code error;
        cwd_ = fs::current_path(error).lexically_normal().string();
        if (!options_.exclude.empty()) {
            excludes_.emplace(IgnoreFile::from_patterns(cwd_, options_.exclude));
        }
    }

    void walk_root(const std::string& root) {
        std::error_code error;
        const fs::file_status status = fs::status(root, error);
        if (error || !fs::exists(status)) {
            // A dangling link named on the command line: reading it reports why.
            const bool is_link = fs::is_symlink(fs::symlink_status(root, error));
            visit_({fs::path(root).lexically_normal().generic_string(),
                    is_link ? std::string() : std::string("no such file or directory")});
            return;
        }
        if (!fs::is_directory(status)) {
            // Named explicitly: scanned whatever its name or the excludes say.
            visit_({fs::path(root).lexically_normal().generic_string(), {}});
            return;
        }
        const fs::path absolute = fs::absolute(root, error).lexically_normal();
        std::string absolute_text = absolute.string();
        if (absolute_text.size() > 1 && absolute_text.back() == '/') {
            absolute_text.pop_back();
        }
        stack_.clear();
        if (options_.respect_gitignore) {
            load_ancestor_ignores(fs::path(absolute_text));
        }
        fs::path display = fs::path(root).lexically_normal();
        walk_directory(fs::path(absolute_text), display);
    }

private:
    // .gitignore files of the enclosing repository, from its top down to the root's parent.
    void load_ancestor_ignores(const fs::path& root) {
        std::vector<fs::path> ancestors;
        std::error_code error;
        for (fs::path dir = root.parent_path(); !dir.empty(); dir = dir.parent_path()) {
            ancestors.push_back(dir);
            if (fs::exists(dir / ".git", error)) {
                std::reverse(ancestors.begin(), ancestors.end());
                for (const fs::path& ancestor : ancestors) {
                    push_ignore_file(ancestor);
                }
                return;
            }
            if (dir == dir.parent_path()) {
                break;
            }
        }
    }

    bool push_ignore_file(const fs::path& dir) {
        std::error_code error;
        const fs::path file = dir / ".gitignore";
        if (!fs::is_regular_file(file, error)) {
            return false;
        }
        std::optional<std::string> contents = read_small_file(file);
        if (!contents) {
            return false;
        }
        IgnoreFile ignore(dir.string(), *contents);
        if (ignore.empty()) {
            return false;
        }
        stack_.push_back(std::move(ignore));
        return true;
    }

    bool ignored(const std::string& absolute, bool is_directory) const {
        IgnoreVerdict exclude = IgnoreVerdict::None;
        if (excludes_) {
            exclude = excludes_->match(absolute, is_directory);
            if (exclude == IgnoreVerdict::Ignored) {
                return true;
            }
        }
        for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
            const IgnoreVerdict verdict = it->match(absolute, is_directory);
            if (verdict != IgnoreVerdict::None) {
                return verdict == IgnoreVerdict::Ignored && exclude != IgnoreVerdict::Included;
            }
        }
        return false;
    }

    struct Entry {
        std::string name;
        fs::file_type type;
    };

    // A directory's entries, sorted by name, with their types as the listing gives them (no stat
    // per entry); a symlink stays a symlink.
    std::vector<Entry> list_directory(const fs::path& absolute, const fs::path& display) {
        std::vector<Entry> entries;
        std::error_code error;
        fs::directory_iterator it(absolute, error);
        if (error) {
            visit_({display.generic_string(), "cannot read directory: " + error.message()});
        }
        for (; !error && it != fs::directory_iterator(); it.increment(error)) {
            std::error_code type_error;
            fs::file_type type = fs::file_type::unknown;
            if (it->is_symlink(type_error)) {
                type = fs::file_type::symlink;
            } else if (it->is_directory(type_error)) {
                type = fs::file_type::directory;
            } else if (it->is_regular_file(type_error)) {
                type = fs::file_type::regular;
            } else {
                type = it->symlink_status(type_error).type();
            }
            entries.push_back({it->path().filename().string(), type});
        }
        std::sort(entries.begin(), entries.end(),
                  [](const Entry& a, const Entry& b) { return a.name < b.name; });
        return entries;
    }

    void walk_directory(const fs::path& absolute, const fs::path& display, bool is_root = true) {
        // The listing first: the files that shape the walk are looked up in it, not asked of the
        // file system one stat each (a tree of locale directories has thousands of directories).
        const std::vector<Entry> entries = list_directory(absolute, display);
        const auto has = [&entries](std::string_view name) {
            const auto it = std::lower_bound(
                entries.begin(), entries.end(), name,
                [](const Entry& entry, std::string_view wanted) { return entry.name < wanted; });
            return it != entries.end() && it->name == name;
        };
        if (!is_root && has("pyvenv.cfg")) {
            return; // a virtual environment below the root
        }
        const bool pushed =
            options_.respect_gitignore && has(".gitignore") && push_ignore_file(absolute);
        // A project's configured excludes apply below its configuration file, like a .gitignore.
        bool pushed_config = false;
        if (options_.configured_excludes && (has("pyproject.toml") || has(".bandit"))) {
            const std::vector<std::string> patterns =
                options_.configured_excludes(absolute.string());
            if (!patterns.empty()) {
                stack_.push_back(IgnoreFile::from_patterns(absolute.string(), patterns));
                pushed_config = true;
            }
        }

        for (const Entry& entry : entries) {
            const std::string child_absolute = (absolute / entry.name).string();
            switch (entry.type) {
            case fs::file_type::symlink:
                break; // never followed: see the header
            case fs::file_type::directory: {
                if (std::find(skipped_directories.begin(), skipped_directories.end(), entry.name) !=
                    skipped_directories.end()) {
                    break;
                }
                if (ignored(child_absolute, true)) {
                    break;
                }
                walk_directory(absolute / entry.name, display / entry.name, false);
                break;
            }
            case fs::file_type::regular:
                if ((is_python_file_name(entry.name) ||
                     analysis::dependency_format_of_path(child_absolute) !=
                         analysis::DependencyFormat::None) &&
                    !ignored(child_absolute, false)) {
                    visit_({(display / entry.name).lexically_normal().generic_string(), {}});
                }
                break;
            default:
                if (is_python_file_name(entry.name) && !ignored(child_absolute, false)) {
                    visit_({(display / entry.name).lexically_normal().generic_string(),
                            "not a regular file"});
                }
                break;
            }
        }
        if (pushed_config) {
            stack_.pop_back();
        }
        if (pushed) {
            stack_.pop_back();
        }
    }

    const WalkOptions& options_;
    const std::function<void(WalkEntry)>& visit_;
    std::string cwd_;
    std::optional<IgnoreFile> excludes_;
    std::vector<IgnoreFile> stack_;
};

} // namespace

bool is_python_file_name(std::string_view name) {
    return (name.size() > 3 && name.ends_with(".py")) ||
           (name.size() > 4 && name.ends_with(".pyw"));
}

void walk(const WalkOptions& options, const std::function<void(WalkEntry)>& visit) {
    Walker walker(options, visit);
    for (const std::string& root : options.roots) {
        walker.walk_root(root);
    }
}

} // namespace vigil::server::check

// Finding the Python files under the paths given to `vigil check`, in a stable order, without
// holding the whole list: each file is handed to a callback as soon as it is found.
//
// - Directories: entries are visited in byte order of their names, depth first.
// - Python files are `*.py` and `*.pyw`; dependency files (requirements files, pyproject.toml:
//   see analysis/dependencies/requirements.hpp) are scanned too, for VG701-VG705. A file named on
//   the command line is scanned whatever its name and whatever the excludes say (as ruff and
//   Bandit do).
// - Skipped: VCS and tool directories (.git, .hg, .svn, __pycache__, .tox, .nox, node_modules,
//   caches...), any directory holding a `pyvenv.cfg` (a virtualenv, whatever its name: the
//   standard library has a package named `venv`, so names alone would be wrong), what
//   `.gitignore` files say (every one in the tree, and those of the enclosing git repository
//   above the scan root), the `--exclude` patterns (gitignore syntax, relative to the working
//   directory), and the excludes a project's configuration names (`exclude` in [tool.vigil],
//   Bandit's `exclude_dirs`), relative to the directory of that configuration file.
// - Symbolic links found while walking are never followed, neither to files nor to directories:
//   that rules out loops and escapes from the tree, and files reached twice. A path named on the
//   command line is followed even if it is a link.
// - A special file (FIFO, socket, device) named like a Python file is reported, never opened.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace vigil::server::check {

struct WalkOptions {
    std::vector<std::string> roots;   // as given on the command line
    std::vector<std::string> exclude; // gitignore-style patterns
    bool respect_gitignore = true;
    // The exclude patterns a directory's own configuration file names (relative to it, gitignore
    // style), or none; may be empty. Asked only of directories that hold a pyproject.toml or a
    // .bandit file.
    std::function<std::vector<std::string>(const std::string& directory)> configured_excludes;
};

struct WalkEntry {
    std::string display_path; // the path as reported: the root joined with the names below it
    std::string error;        // non-empty: this entry could not be scanned, and why
};

void walk(const WalkOptions& options, const std::function<void(WalkEntry)>& visit);

bool is_python_file_name(std::string_view name);

} // namespace vigil::server::check

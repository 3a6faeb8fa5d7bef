// Dependency hygiene (VG701-VG705) in the files that name a project's dependencies: pip
// requirements files and pyproject.toml. These are not Python, so they do not go through the
// syntax tree and the rule dispatch of analyze(); a small line-based reader finds the same kind of
// findings (byte ranges, fixes), honours the same configuration (Config::enables, thresholds) and
// the same suppression comments on the line (`# nosec`, `# noqa: VG701`, `# vigil: ignore[...]`).
#pragma once

#include "analysis/config.hpp"
#include "analysis/finding.hpp"

#include <string_view>
#include <vector>

namespace vigil::analysis {

enum class DependencyFormat {
    None,         // not a dependency file: Python
    Requirements, // pip requirements file
    Pyproject,    // pyproject.toml
};

// By file name: `requirements*.txt`, `*-requirements.txt` (any `*requirements*.txt`), `*.txt` in
// a directory named `requirements`, and `pyproject.toml`.
DependencyFormat dependency_format_of_path(std::string_view path);

// By an editor's languageId ("pip-requirements", "requirements"), falling back on the path.
DependencyFormat dependency_format_of_document(std::string_view language_id, std::string_view path);

// A pip requirements file. `-r`/`-c` includes are not followed.
std::vector<Finding> check_requirements(std::string_view text, std::string_view path,
                                        const Config& config);

// `[project] dependencies` and `optional-dependencies`, `[dependency-groups]`,
// `[tool.poetry.dependencies]` (and its groups), `[[tool.poetry.source]]`, `[tool.uv]` indexes.
// Invalid TOML gives no findings (the configuration loader reports it).
std::vector<Finding> check_pyproject_dependencies(std::string_view text, std::string_view path,
                                                  const Config& config);

// One of the two above, by format; nothing for DependencyFormat::None.
std::vector<Finding> check_dependencies(std::string_view text, std::string_view path,
                                        const Config& config, DependencyFormat format);

// Whether a rule is one of the dependency rules (they register no syntax node kinds).
bool is_dependency_rule(std::string_view code);

} // namespace vigil::analysis

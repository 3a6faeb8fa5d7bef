// What the web-framework rules (VG1xx) share: telling a Django settings module from a development
// or test one, reading its top-level assignments, recognising a Flask app and the settings written
// to its `config`, and telling a literal secret from one read at run time.
#pragma once

#include "analysis/finding.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/semantic/model.hpp"

#include <tree_sitter/api.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Said in the documentation of each rule reading Django settings: where they look.
#define VIGIL_DJANGO_SETTINGS_MODULE                                                               \
    " A settings module is a file named `settings.py`, `*_settings.py` or `settings_*.py`, or "    \
    "placed in a `settings/` package, or one that assigns at least two settings only Django has "  \
    "(`INSTALLED_APPS`, `MIDDLEWARE`, `ROOT_URLCONF`, `DATABASES`, `ALLOWED_HOSTS`, ...). Files "  \
    "whose name or directory has a development or test word (`dev`, `local`, `debug`, `ci`, "      \
    "`test*`: `settings/dev.py`, `local_settings.py`, `test_settings.py`, `tests/settings.py`, "   \
    "`testproject/settings.py`) are left alone, as are assignments nested in `if` or `try` "       \
    "blocks (a deliberate, conditional choice), and modules of defaults that a project "           \
    "overrides (Django's `global_settings.py`, a `default_settings.py`)."

namespace vigil::analysis::rules::framework {

// Whether a name has a development or test word (`dev`, `development`, `local`, `debug`, `ci`,
// `test*`), words being split on `_`, `-`, `.` and camel case: `settings_dev`, `TestingConfig`.
bool names_dev_or_test(std::string_view name);

// A file whose name (or whose directory's name) says it configures development or tests:
// `settings/dev.py`, `local_settings.py`, `test_settings.py`, `settings_ci.py`,
// `tests/settings.py`, `testproject/settings.py`. Words are split on `_`, `-` and `.`.
bool is_dev_or_test_path(std::string_view path);

// A test module: `test_*.py`, `*_test.py`, `tests.py`, `conftest.py`, or a file directly in a
// `test`/`tests`/`testing` directory.
bool is_test_path(std::string_view path);

// An assignment made by a statement directly at module level: `NAME = value` (or annotated).
struct TopLevelAssignment {
    std::string_view name;
    TSNode target{};
    TSNode value{};
};
std::vector<TopLevelAssignment> top_level_assignments(const SemanticModel& model);
// The same, found once per file for all the rules that ask (the settings rules each do).
const std::vector<TopLevelAssignment>& top_level_assignments(RuleContext& context);

// A Django settings module: named `settings.py`, `*_settings.py`, `settings_*.py` or placed in a
// `settings/` package, or assigning at least two settings only Django has (INSTALLED_APPS,
// MIDDLEWARE, ROOT_URLCONF, ...).
bool is_django_settings(const SemanticModel& model, std::string_view path);

// A Django settings module that is not named for development or tests: where the VG10x settings
// rules look.
bool is_production_django_settings(const SemanticModel& model, std::string_view path);

// A string literal with some text in it (bytes too; not an f-string), or a name bound once to one.
// Empty strings are not secrets: Django and Flask both refuse to sign with an empty key.
bool is_literal_secret(const SemanticModel& model, TSNode expression);

// How sure Vigil is that `receiver` is a Flask app: High when it is made by `flask.Flask(...)`
// (or is `flask.current_app`), Medium when it is named `app`/`application`/`flask_app` (or
// `self.app`) in a file that imports flask; nullopt otherwise.
std::optional<Level> flask_app(const SemanticModel& model, TSNode receiver);

// One setting written to a Flask app's config: `app.config["KEY"] = v`,
// `app.config.update(KEY=v)`, `app.config.update({"KEY": v})`, `app.config.from_mapping(KEY=v)`.
struct ConfigItem {
    std::string key;
    TSNode key_node{}; // the subscript string, the keyword name, or the dictionary key
    TSNode value{};
    Level confidence = Level::Medium; // how sure the receiver is a Flask app
};
// The items an `assignment` or `call` node writes to a Flask app's config (empty for others).
std::vector<ConfigItem> flask_config_items(const SemanticModel& model, TSNode node);

} // namespace vigil::analysis::rules::framework

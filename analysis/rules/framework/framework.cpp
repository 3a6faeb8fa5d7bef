#include "analysis/rules/framework/framework.hpp"

#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>

namespace vigil::analysis::rules::framework {

namespace {

struct PathParts {
    std::string_view stem;   // file name without `.py`
    std::string_view parent; // the directory holding the file ("" at the top)
};

PathParts path_parts(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    std::string_view directory =
        slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
    const std::size_t parent_slash = directory.find_last_of("/\\");
    if (parent_slash != std::string_view::npos) {
        directory = directory.substr(parent_slash + 1);
    }
    for (std::string_view extension : {".pyi", ".py"}) {
        if (name.ends_with(extension)) {
            name.remove_suffix(extension.size());
            break;
        }
    }
    return {name, directory};
}

bool lower_equals(std::string_view word, std::string_view lower) {
    return word.size() == lower.size() &&
           std::equal(word.begin(), word.end(), lower.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
           });
}

bool lower_starts_with(std::string_view word, std::string_view lower) {
    return word.size() >= lower.size() && lower_equals(word.substr(0, lower.size()), lower);
}

// Settings only Django has (not Flask's SECRET_KEY, DEBUG or SESSION_COOKIE_*).
constexpr std::array<std::string_view, 16> django_only_settings = {
    "INSTALLED_APPS",     "MIDDLEWARE",      "MIDDLEWARE_CLASSES", "ROOT_URLCONF",
    "DATABASES",          "TEMPLATES",       "WSGI_APPLICATION",   "ASGI_APPLICATION",
    "ALLOWED_HOSTS",      "AUTH_USER_MODEL", "STATIC_ROOT",        "AUTH_PASSWORD_VALIDATORS",
    "DEFAULT_AUTO_FIELD", "LANGUAGE_CODE",   "STATICFILES_DIRS",   "USE_TZ",
};

} // namespace

bool names_dev_or_test(std::string_view name) {
    static constexpr std::array<std::string_view, 8> words = {
        "dev", "devel", "develop", "development", "local", "locals", "ci", "debug"};
    auto matches = [](std::string_view word) {
        if (lower_starts_with(word, "test")) {
            return true; // test, tests, testing, testproject, testapp
        }
        return std::any_of(words.begin(), words.end(), [&](std::string_view candidate) {
            return lower_equals(word, candidate);
        });
    };
    // Words are separated by `_`, `-`, `.`, and by an upper-case letter after a lower-case one.
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        const bool end = i == name.size();
        const bool separator = !end && (name[i] == '_' || name[i] == '-' || name[i] == '.');
        const bool camel = !end && i > 0 && name[i] >= 'A' && name[i] <= 'Z' &&
                           name[i - 1] >= 'a' && name[i - 1] <= 'z';
        if (end || separator || camel) {
            if (i > start && matches(name.substr(start, i - start))) {
                return true;
            }
            start = separator ? i + 1 : i;
        }
    }
    return false;
}

bool is_dev_or_test_path(std::string_view path) {
    const PathParts parts = path_parts(path);
    return names_dev_or_test(parts.stem) || names_dev_or_test(parts.parent);
}

bool is_test_path(std::string_view path) {
    const PathParts parts = path_parts(path);
    return parts.stem.starts_with("test_") || parts.stem.ends_with("_test") ||
           parts.stem == "tests" || parts.stem == "conftest" || parts.parent == "test" ||
           parts.parent == "tests" || parts.parent == "testing";
}

std::vector<TopLevelAssignment> top_level_assignments(const SemanticModel& model) {
    std::vector<TopLevelAssignment> assignments;
    for (const TSNode statement : model.module_statements()) {
        if (syntax::node_type(statement) != "expression_statement") {
            continue;
        }
        const TSNode assignment = syntax::named_child(statement, 0);
        if (syntax::node_type(assignment) != "assignment") {
            continue;
        }
        const TSNode target = syntax::child_by_field(assignment, "left");
        const TSNode value = syntax::child_by_field(assignment, "right");
        if (syntax::node_type(target) != "identifier" || ts_node_is_null(value)) {
            continue;
        }
        assignments.push_back({model.text(target), target, value});
    }
    return assignments;
}

const std::vector<TopLevelAssignment>& top_level_assignments(RuleContext& context) {
    // per_file keeps one value per type: a type of its own, not a bare vector another rule might
    // keep for something else.
    struct TopLevelAssignments {
        std::vector<TopLevelAssignment> list;
    };
    return context
        .per_file<TopLevelAssignments>(
            [&] { return TopLevelAssignments{top_level_assignments(context.model())}; })
        .list;
}

bool is_django_settings(const SemanticModel& model, std::string_view path) {
    const PathParts parts = path_parts(path);
    if (parts.stem == "settings" || parts.stem.ends_with("_settings") ||
        parts.stem.starts_with("settings_") || parts.parent == "settings") {
        return true;
    }
    int django_names = 0;
    for (const TopLevelAssignment& assignment : top_level_assignments(model)) {
        if (std::find(django_only_settings.begin(), django_only_settings.end(), assignment.name) !=
            django_only_settings.end()) {
            ++django_names;
        }
    }
    return django_names >= 2;
}

bool is_production_django_settings(const SemanticModel& model, std::string_view path) {
    // Django's own `conf/global_settings.py` (and a library's `default_settings.py`) declare the
    // defaults a project overrides, not a deployment.
    const PathParts parts = path_parts(path);
    if (parts.stem == "global_settings" || parts.stem == "default_settings") {
        return false;
    }
    return !is_dev_or_test_path(path) && is_django_settings(model, path);
}

bool is_literal_secret(const SemanticModel& model, TSNode expression) {
    if (ts_node_is_null(expression)) {
        return false;
    }
    const std::string_view type = syntax::node_type(expression);
    if (type == "parenthesized_expression") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const TSNode inner = syntax::named_child(expression, i);
            if (syntax::node_type(inner) != "comment") {
                return is_literal_secret(model, inner);
            }
        }
        return false;
    }
    if (type == "identifier") {
        const TSNode value = model.single_value(expression);
        return !ts_node_is_null(value) && syntax::node_type(value) != "identifier" &&
               is_literal_secret(model, value);
    }
    if (type != "string" && type != "concatenated_string") {
        return false;
    }
    return model.is_literal(expression) && model.literal_truth(expression).value_or(false);
}

std::optional<Level> flask_app(const SemanticModel& model, TSNode receiver) {
    if (ts_node_is_null(receiver)) {
        return std::nullopt;
    }
    const TSNode made_by = bound_call(model, receiver);
    if (!ts_node_is_null(made_by) &&
        model.qualified_name(syntax::child_by_field(made_by, "function")) == "flask.Flask") {
        return Level::High;
    }
    if (model.qualified_name(receiver) == "flask.current_app") {
        return Level::High;
    }
    if (!model.imports_module("flask")) {
        return std::nullopt;
    }
    std::string_view name;
    const std::string_view type = syntax::node_type(receiver);
    if (type == "identifier") {
        name = model.text(receiver);
    } else if (type == "attribute") {
        name = model.text(syntax::child_by_field(receiver, "attribute"));
    }
    if (name == "app" || name == "application" || name == "flask_app") {
        return Level::Medium;
    }
    return std::nullopt;
}

namespace {

// The app of `<app>.config`, with how sure it is a Flask app; nullopt when not a Flask config.
std::optional<Level> flask_config(const SemanticModel& model, TSNode expression) {
    if (syntax::node_type(expression) != "attribute" ||
        model.text(syntax::child_by_field(expression, "attribute")) != "config") {
        return std::nullopt;
    }
    return flask_app(model, syntax::child_by_field(expression, "object"));
}

} // namespace

std::vector<ConfigItem> flask_config_items(const SemanticModel& model, TSNode node) {
    std::vector<ConfigItem> items;
    const std::string_view type = syntax::node_type(node);
    if (type == "assignment") {
        // Asked of every assignment by three rules: the cheapest test first.
        const TSNode target = syntax::child_by_field(node, "left");
        if (syntax::node_type(target) != "subscript") {
            return items;
        }
        const TSNode value = syntax::child_by_field(node, "right");
        if (ts_node_is_null(value)) {
            return items;
        }
        const auto confidence = flask_config(model, syntax::child_by_field(target, "value"));
        const TSNode key = syntax::child_by_field(target, "subscript");
        const auto key_text = confidence ? model.string_value(key) : std::nullopt;
        if (key_text) {
            items.push_back({*key_text, key, value, *confidence});
        }
        return items;
    }
    if (type != "call") {
        return items;
    }
    const CallView& view = model.call(node);
    if (view.method.empty()) {
        return items;
    }
    const std::string_view method = view.method;
    if (method != "update" && method != "from_mapping") {
        return items;
    }
    const auto confidence = flask_config(model, view.receiver);
    if (!confidence) {
        return items;
    }
    const TSNode arguments = syntax::child_by_field(node, "arguments");
    for (uint32_t i = 0; i < syntax::named_child_count(arguments); ++i) {
        const TSNode argument = syntax::named_child(arguments, i);
        const std::string_view argument_type = syntax::node_type(argument);
        if (argument_type == "keyword_argument") {
            const TSNode name = syntax::child_by_field(argument, "name");
            items.push_back({std::string(model.text(name)), name,
                             syntax::child_by_field(argument, "value"), *confidence});
        } else if (argument_type == "dictionary") {
            for (uint32_t k = 0; k < syntax::named_child_count(argument); ++k) {
                const TSNode pair = syntax::named_child(argument, k);
                if (syntax::node_type(pair) != "pair") {
                    continue;
                }
                const TSNode key = syntax::child_by_field(pair, "key");
                if (const auto key_text = model.string_value(key)) {
                    items.push_back(
                        {*key_text, key, syntax::child_by_field(pair, "value"), *confidence});
                }
            }
        }
    }
    return items;
}

} // namespace vigil::analysis::rules::framework

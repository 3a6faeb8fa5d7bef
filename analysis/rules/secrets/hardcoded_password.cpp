// B105 / B106 / B107: hardcoded passwords in assignments and comparisons, keyword arguments, and
// parameter defaults. One family: the name test and the "is this really a secret" test are shared.
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view string_kinds[] = {"assignment", "named_expression", "pair",
                                             "comparison_operator"};
constexpr std::string_view call_kinds[] = {"call"};
constexpr std::string_view definition_kinds[] = {"function_definition", "lambda"};

std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

// The configured password words, compiled once per thread for as long as the option is unchanged,
// with the answers given so far (names repeat; std::regex is slow).
struct WordMatcher {
    std::vector<std::string> words;
    std::vector<std::regex> patterns;
    std::unordered_map<std::string, bool> answers;

    bool matches(std::string_view part) {
        std::string key = lower(part);
        if (const auto it = answers.find(key); it != answers.end()) {
            return it->second;
        }
        const bool result =
            std::any_of(patterns.begin(), patterns.end(),
                        [&](const std::regex& pattern) { return std::regex_match(key, pattern); });
        if (answers.size() > 4096) {
            answers.clear();
        }
        answers.emplace(std::move(key), result);
        return result;
    }
};

WordMatcher& word_patterns(const std::vector<std::string>& words) {
    thread_local WordMatcher matcher;
    thread_local bool initialised = false;
    if (!initialised || matcher.words != words) {
        matcher.patterns.clear();
        matcher.answers.clear();
        for (const std::string& word : words) {
            try {
                matcher.patterns.emplace_back(word, std::regex::icase | std::regex::ECMAScript);
            } catch (const std::regex_error&) {
                // An invalid pattern in the configuration matches nothing.
            }
        }
        matcher.words = words;
        initialised = true;
    }
    return matcher;
}

// The parts of a name between separators: `db_password` -> {db, password}.
std::vector<std::string_view> parts_of(std::string_view name, std::string_view separators) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i == name.size() || separators.find(name[i]) != std::string_view::npos) {
            if (i > start) {
                parts.push_back(name.substr(start, i - start));
            }
            start = i + 1;
        }
    }
    return parts;
}

bool is_password_word(WordMatcher& patterns, std::string_view part) {
    return patterns.matches(part);
}

// Parts of a name that say it holds something about a password, not the password itself:
// `PASSWORD_FIELD`, `password_label`, `token_type`, `TOKEN_URL`, `password_min_length`.
constexpr std::string_view label_parts[] = {
    "field",    "fields",  "label",     "prompt",    "placeholder", "hint",      "help",
    "message",  "msg",     "text",      "title",     "caption",     "tooltip",   "description",
    "desc",     "error",   "errors",    "header",    "param",       "parameter", "column",
    "col",      "attr",    "attribute", "arg",       "argument",    "name",      "input",
    "selector", "xpath",   "url",       "uri",       "endpoint",    "path",      "file",
    "filename", "dir",     "env",       "var",       "type",        "kind",      "pattern",
    "regex",    "format",  "state",     "status",    "mode",        "enabled",   "flag",
    "length",   "len",     "version",   "algorithm", "algo",        "alg",       "scheme",
    "prefix",   "suffix",  "separator", "sep",       "encoding",    "cookie",    "issuer",
    "audience", "ttl",     "timeout",   "expiry",    "lifetime",    "hasher",    "backend",
    "class",    "handler", "provider",  "validator", "scope",       "storage"};

bool is_label_part(std::string_view part) {
    const std::string word = lower(part);
    return std::find(std::begin(label_parts), std::end(label_parts), word) != std::end(label_parts);
}

// Whether `name` (a variable, attribute, argument or dictionary key) names a password, the way
// Bandit's regex does: one of the words is a whole part between underscores (Vigil also splits
// dictionary keys at '-' and '.', for "X-Auth-Token" and "db.password"). A name whose last part
// is a label word (`PASSWORD_FIELD`) names something else.
bool names_password(const RuleContext& context, std::string_view name, bool is_key) {
    auto& patterns = word_patterns(context.options().password_words);
    const auto parts = parts_of(name, is_key ? "_-." : "_");
    if (parts.empty() || !std::any_of(parts.begin(), parts.end(), [&](std::string_view part) {
            return is_password_word(patterns, part);
        })) {
        return false;
    }
    return !is_label_part(parts.back());
}

bool has_space(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isspace(c) != 0; });
}

// Whether a string assigned to a password-like name is obviously not a password: empty, a mask
// ("***", "xxx"), a template ("<password>", "${PASSWORD}", "%(password)s", "{token}"), a label or
// prompt ("Password:", "Enter your password"), a URL without credentials, a path or file name, or
// the name of a setting, variable or header ("DB_PASSWORD", "access_token", "X-Auth-Token").
bool is_not_a_secret(const RuleContext& context, std::string_view name, std::string_view value) {
    auto& patterns = word_patterns(context.options().password_words);
    std::string_view trimmed = value;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) {
        trimmed.remove_prefix(1);
    }
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) {
        trimmed.remove_suffix(1);
    }
    if (trimmed.empty()) {
        return true;
    }
    // Masks.
    if (trimmed.find_first_not_of("*xX.-_#?:") == std::string_view::npos) {
        return true;
    }
    // Flags, authentication schemes, and keywords a lexer compares its tokens with.
    static constexpr std::string_view words[] = {
        "yes",    "no",    "true",   "false",   "on",       "off",      "enabled", "disabled",
        "none",   "null",  "bearer", "basic",   "digest",   "jwt",      "and",     "as",
        "assert", "async", "await",  "break",   "class",    "continue", "def",     "del",
        "elif",   "else",  "except", "finally", "for",      "from",     "global",  "if",
        "import", "in",    "is",     "lambda",  "nonlocal", "not",      "or",      "raise",
        "return", "try",   "while",  "with",    "yield",    "match",    "case"};
    const std::string lowered_value = lower(trimmed);
    if (std::find(std::begin(words), std::end(words), lowered_value) != std::end(words)) {
        return true;
    }
    // Regular expressions: `r"[^\W\d]\w*"`, `(?=\s)`.
    for (std::string_view marker : {"\\w", "\\d", "\\s", "\\W", "\\D", "\\S", "\\b", "[^", "(?"}) {
        if (trimmed.find(marker) != std::string_view::npos) {
            return true;
        }
    }
    // Punctuation a lexer calls a token: "(", "==", "->".
    if (trimmed.size() <= 3 && std::none_of(trimmed.begin(), trimmed.end(),
                                            [](unsigned char c) { return std::isalnum(c) != 0; })) {
        return true;
    }
    // Templates and placeholders.
    if ((trimmed.starts_with("<") && trimmed.ends_with(">")) ||
        (trimmed.starts_with("{") && trimmed.ends_with("}")) ||
        (trimmed.starts_with("${") && trimmed.ends_with("}")) ||
        (trimmed.starts_with("$(") && trimmed.ends_with(")")) ||
        (trimmed.starts_with("[") && trimmed.ends_with("]")) ||
        (trimmed.starts_with("%(") && trimmed.ends_with(")s")) || trimmed == "%s" ||
        (trimmed.starts_with("$") && trimmed.size() > 1 &&
         trimmed.find_first_not_of(
             "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 1) ==
             std::string_view::npos)) {
        return true;
    }
    // Labels and prompts.
    if (trimmed.ends_with(":") || trimmed.ends_with("?")) {
        return true;
    }
    if (has_space(trimmed)) {
        for (std::string_view word : parts_of(trimmed, " \t\n\r.,;:!?'\"()")) {
            const auto parts = parts_of(word, "_-");
            if (std::any_of(parts.begin(), parts.end(), [&](std::string_view part) {
                    return is_password_word(patterns, part);
                })) {
                return true; // "Enter your password", "Invalid token"
            }
        }
    }
    // URLs, unless they carry credentials (scheme://user:secret@host).
    if (const auto scheme = trimmed.find("://"); scheme != std::string_view::npos) {
        const std::string_view rest = trimmed.substr(scheme + 3);
        const std::string_view authority = rest.substr(0, rest.find('/'));
        const auto at = authority.find('@');
        return at == std::string_view::npos ||
               authority.substr(0, at).find(':') == std::string_view::npos;
    }
    // Paths and file names.
    if (trimmed.starts_with("/") || trimmed.starts_with("./") || trimmed.starts_with("../") ||
        trimmed.starts_with("~/") ||
        (trimmed.size() > 2 && std::isalpha(static_cast<unsigned char>(trimmed[0])) &&
         trimmed[1] == ':' && (trimmed[2] == '\\' || trimmed[2] == '/'))) {
        return true;
    }
    if (!has_space(trimmed)) {
        static constexpr std::string_view extensions[] = {
            ".txt",  ".json", ".pem", ".key", ".crt", ".yaml", ".yml", ".env", ".cfg", ".ini",
            ".conf", ".toml", ".p12", ".pfx", ".jks", ".kdbx", ".gpg", ".asc", ".pub", ".db"};
        const std::string lowered = lower(trimmed);
        for (std::string_view extension : extensions) {
            if (lowered.size() > extension.size() && lowered.ends_with(extension)) {
                return true;
            }
        }
    }
    // The name of a setting, variable or header: several parts, one of them a password word.
    if (trimmed.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") ==
        std::string_view::npos) {
        const auto parts = parts_of(trimmed, "_-.");
        // snake_case, SCREAMING_CASE and dotted keys, or Header-Case; a lower-case phrase with
        // hyphens ("dev-secret-key") is how people write weak passwords, so it stays reported.
        const bool hyphens = trimmed.find('-') != std::string_view::npos;
        const bool header_case = std::all_of(parts.begin(), parts.end(), [](std::string_view p) {
            return std::isupper(static_cast<unsigned char>(p.front())) != 0;
        });
        if (parts.size() >= 2 && (!hyphens || header_case) &&
            std::any_of(parts.begin(), parts.end(),
                        [&](std::string_view p) { return is_password_word(patterns, p); })) {
            return true;
        }
        // PASSWORD_KEY = "password": a dictionary key, named after what it looks up.
        const auto name_parts = parts_of(name, "_-.");
        if (parts.size() == 1 && !name_parts.empty() && lower(name_parts.back()) == "key" &&
            is_password_word(patterns, trimmed)) {
            return true;
        }
    }
    return false;
}

// Whether literal_string may have an answer: it reads only string literals.
bool is_string_literal(TSNode node) {
    if (ts_node_is_null(node)) {
        return false;
    }
    const std::string_view type = node_type(node);
    return type == "string" || type == "concatenated_string";
}

// The literal value of a string or bytes literal (not an f-string with replacement fields), or
// of an implicit concatenation.
std::optional<std::string> literal_string(const SemanticModel& model, TSNode node) {
    if (ts_node_is_null(node)) {
        return std::nullopt;
    }
    const std::string_view type = node_type(node);
    if (type == "string") {
        if (auto value = model.string_value(node)) {
            return value;
        }
        // Bytes (b"hunter2"): a secret too. Their text, escapes as written, is enough to judge.
        const TSNode start = syntax::child(node, 0);
        const std::string_view prefix = model.text(start);
        if (ts_node_is_null(start) || node_type(start) != "string_start" ||
            prefix.find_first_of("bB") == std::string_view::npos) {
            return std::nullopt;
        }
        std::string value;
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            const TSNode part = syntax::named_child(node, i);
            if (node_type(part) == "string_content") {
                value += model.text(part);
            } else if (node_type(part) == "interpolation") {
                return std::nullopt;
            }
        }
        return value;
    }
    if (type != "concatenated_string") {
        return std::nullopt;
    }
    std::string value; // the parts, skipping comments between them
    for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
        const TSNode part = syntax::named_child(node, i);
        if (node_type(part) == "comment") {
            continue;
        }
        const auto text = model.string_value(part);
        if (!text) {
            return std::nullopt;
        }
        value += *text;
    }
    return value;
}

// The name an assignment target gives: `password`, `self.password`, `d["password"]`.
std::optional<std::string> target_name(const SemanticModel& model, TSNode target, bool& is_key) {
    is_key = false;
    const std::string_view type = node_type(target);
    if (type == "identifier") {
        return std::string(model.text(target));
    }
    if (type == "attribute") {
        return std::string(model.text(child_by_field(target, "attribute")));
    }
    if (type == "subscript") {
        is_key = true;
        return literal_string(model, child_by_field(target, "subscript"));
    }
    return std::nullopt;
}

// Reports `value` when it is a secret-looking string and `name` a password-like name.
bool report_if_secret(RuleContext& context, std::string_view name, bool is_key, TSNode value,
                      std::string_view message) {
    value = syntax::unparenthesized(value);
    // Cheapest test first: this runs for every assignment, keyword argument and dictionary entry.
    if (!is_string_literal(value) || !names_password(context, name, is_key)) {
        return false;
    }
    const auto text = literal_string(context.model(), value);
    if (!text || is_not_a_secret(context, name, *text)) {
        return false;
    }
    context.report(value, {.message = std::string(message) + ": \"" + std::string(name) + "\""});
    return true;
}

constexpr std::string_view assigned = "Possible hardcoded password assigned to";

void check_assignment(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::string_view type = node_type(node);
    if (type == "named_expression") {
        report_if_secret(context, model.text(child_by_field(node, "name")), false,
                         child_by_field(node, "value"), assigned);
        return;
    }
    if (type == "pair") {
        if (!is_string_literal(syntax::unparenthesized(child_by_field(node, "value")))) {
            return;
        }
        const auto key = literal_string(model, child_by_field(node, "key"));
        if (key) {
            report_if_secret(context, *key, true, child_by_field(node, "value"),
                             "Possible hardcoded password in dictionary entry");
        }
        return;
    }
    if (type == "comparison_operator") {
        if (syntax::named_child_count(node) != 2) {
            return;
        }
        const TSNode op = child_by_field(node, "operators");
        const std::string_view op_type = node_type(op);
        if (op_type != "==" && op_type != "!=") {
            return;
        }
        TSNode left = syntax::named_child(node, 0);
        TSNode right = syntax::named_child(node, 1);
        if (!is_string_literal(left) && !is_string_literal(right)) {
            return;
        }
        if (literal_string(model, left)) {
            std::swap(left, right); // "secret" == password
        }
        bool is_key = false;
        if (const auto name = target_name(model, left, is_key)) {
            report_if_secret(context, *name, is_key, right,
                             "Possible hardcoded password compared with");
        }
        return;
    }
    // assignment: in a chain `a = b = "x"` each assignment node reports its own target, with the
    // value at the end of the chain. (Asking for the parent instead would cost a search from the
    // root: ts_node_parent is linear in the size of the file.)
    const TSNode target = child_by_field(node, "left");
    TSNode value = child_by_field(node, "right");
    while (!ts_node_is_null(value) && node_type(value) == "assignment") {
        value = child_by_field(value, "right");
    }
    if (ts_node_is_null(value)) {
        return; // a bare annotation
    }
    const std::string_view value_type = node_type(value);
    const bool sequence =
        value_type == "expression_list" || value_type == "tuple" || value_type == "list";
    if (!sequence && !is_string_literal(syntax::unparenthesized(value))) {
        return; // nothing here can be a hardcoded password
    }
    const std::string_view target_type = node_type(target);
    if (target_type == "pattern_list" || target_type == "tuple_pattern" ||
        target_type == "list_pattern") {
        // user, password = "admin", "hunter2": pair them up when the counts agree.
        const uint32_t count = syntax::named_child_count(target);
        if (!sequence || count != syntax::named_child_count(value)) {
            return;
        }
        for (uint32_t i = 0; i < count; ++i) {
            bool is_key = false;
            if (const auto name = target_name(model, syntax::named_child(target, i), is_key)) {
                report_if_secret(context, *name, is_key, syntax::named_child(value, i), assigned);
            }
        }
        return;
    }
    bool is_key = false;
    if (const auto name = target_name(model, target, is_key)) {
        report_if_secret(context, *name, is_key, value, assigned);
    }
}

void check_call(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    for (const auto& [name, value] : view.keywords) {
        report_if_secret(context, name, false, value,
                         "Possible hardcoded password passed to argument");
    }
    // A fallback for a secret read from the environment: os.getenv("DB_PASSWORD", "hunter2").
    const std::string& callee = model.qualified_name(view.callee);
    if (callee == "os.getenv" || callee == "os.environ.get" || callee == "os.environ.setdefault") {
        if (const auto key = literal_string(model, view.argument(0, "key"))) {
            report_if_secret(context, *key, true, view.argument(1, "default"),
                             "Possible hardcoded password as the fallback of environment "
                             "variable");
        }
        return;
    }
    // The default of a command-line option: add_argument("--password", default="hunter2"),
    // click.option("--token", default="..."); the option's name is a flag or `dest=`.
    const TSNode fallback = view.keyword("default");
    if (ts_node_is_null(fallback)) {
        return;
    }
    std::vector<std::string> names;
    if (auto dest = literal_string(model, view.keyword("dest"))) {
        names.push_back(std::move(*dest));
    }
    for (TSNode argument : view.positional) {
        auto flag = literal_string(model, argument);
        const std::size_t start = flag ? flag->find_first_not_of('-') : std::string::npos;
        if (start != std::string::npos && start > 0) {
            names.push_back(flag->substr(start));
        }
    }
    for (const std::string& name : names) {
        if (report_if_secret(context, name, true, fallback,
                             "Possible hardcoded password as the default of option")) {
            return;
        }
    }
}

void check_definition(TSNode definition, RuleContext& context) {
    const TSNode parameters = child_by_field(definition, "parameters");
    if (ts_node_is_null(parameters)) {
        return;
    }
    for (uint32_t i = 0; i < syntax::named_child_count(parameters); ++i) {
        const TSNode parameter = syntax::named_child(parameters, i);
        const std::string_view type = node_type(parameter);
        if (type != "default_parameter" && type != "typed_default_parameter") {
            continue;
        }
        const TSNode name = child_by_field(parameter, "name");
        if (node_type(name) != "identifier") {
            continue;
        }
        report_if_secret(context, context.model().text(name), false,
                         child_by_field(parameter, "value"),
                         "Possible hardcoded password as default of argument");
    }
}

constexpr std::string_view references = "- https://cwe.mitre.org/data/definitions/259.html\n"
                                        "- https://owasp.org/Top10/A07_2021-Identification_and_"
                                        "Authentication_Failures/";

constexpr std::string_view common_use_instead =
    "Read secrets at run time, from the environment or a secret store:\n\n```python\nimport os\n\n"
    "password = os.environ[\"DB_PASSWORD\"]\n```\n\nThere is no quick fix: where the secret "
    "should come from (an environment variable, a vault, a file readable by the service only) is "
    "a deployment decision, and the value already committed must be rotated anyway.";

} // namespace

extern const Rule hardcoded_password_string{
    {
        .code = "B105",
        .name = "hardcoded-password-string",
        .bandit_name = "hardcoded_password_string",
        .ruff_code = "S105",
        .cwe = 259,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags a string literal assigned to a password-like name (`password = "
                        "\"...\"`, `self.token = ...`, `d[\"password\"] = ...`, `password: str = "
                        "...`, tuple unpacking, `:=`), stored under a password-like dictionary "
                        "key, or compared with a password-like name (`==`/`!=`, either side). "
                        "A name is password-like when a whole `_`-separated part of it matches "
                        "one of the password words (Bandit's: `pas+wo?r?d`, `pass(phrase)?`, "
                        "`pwd`, `token`, `secrete?`; configurable as `password-words` in "
                        "`[tool.vigil.options]`, "
                        "regular expressions each matched against a whole part, ignoring case; "
                        "Bandit has no such option). The "
                        "message names the variable, never the value.",
                .why = "A secret in source code is shared with everyone who can read the "
                       "repository, its history, backups and build artefacts, and cannot be "
                       "rotated without a release.",
                .example = "```python\nDB_PASSWORD = \"s3cr3t-Pa55\"\n```",
                .use_instead = common_use_instead,
                .references = references,
                .vs_bandit =
                    "Deliberately quieter than Bandit, which flags every string in these "
                    "places. Vigil does not report: names that describe a password rather than "
                    "hold one (last part `field`, `label`, `prompt`, `type`, `url`, `path`, "
                    "`file`, `env`, `name`, `header`, `pattern`, ...: `PASSWORD_FIELD = "
                    "\"password\"`, `token_type = \"bearer\"`); empty strings; masks (`\"***\"`, "
                    "`\"xxx\"`); templates (`\"<password>\"`, `\"${PASSWORD}\"`, `\"$TOKEN\"`, "
                    "`\"%(password)s\"`, `\"{token}\"`); labels and prompts (ending in `:` or "
                    "`?`, or a phrase that mentions a password word, such as `\"Enter your "
                    "password\"`); URLs without `user:secret@`; paths and file names; names of "
                    "settings or headers (`\"DB_PASSWORD\"`, `\"access_token\"`, "
                    "`\"X-Auth-Token\"`; "
                    "a lower-case phrase such as `\"dev-secret-key\"` is still reported); "
                    "`PASSWORD_KEY "
                    "= \"password\"`; short punctuation and Python keywords (a lexer's `token == "
                    "\"(\"`, `token == \"lambda\"`); flags and authentication schemes "
                    "(`\"yes\"`, `\"off\"`, `\"Bearer\"`); regular expressions "
                    "(`r\"[^\\W]\\w*\"`); a "
                    "dictionary value that is not a string (Bandit reports `{\"password\": "
                    "None}`). Weak "
                    "real values such as `\"changeme\"` or `\"password\"` are still reported: "
                    "they are what ends up deployed when nobody changes them. URLs that carry "
                    "`user:secret@` are reported. "
                    "Vigil also reports what Bandit misses: bytes (`b\"...\"`), annotated "
                    "assignments, tuple "
                    "unpacking, `:=`, the literal on the left of a comparison, and dictionary "
                    "keys like `\"X-Auth-Token\"` or `\"db.password\"` (split at `-` and `.` as "
                    "well). Comparisons count only for `==` and `!=`. The message names the "
                    "variable or key instead of quoting the secret, and the finding is on the "
                    "string.",
            },
        .reveals_secret = true,
    },
    string_kinds,
    check_assignment,
};

extern const Rule hardcoded_password_funcarg{
    {
        .code = "B106",
        .name = "hardcoded-password-func-arg",
        .bandit_name = "hardcoded_password_funcarg",
        .ruff_code = "S106",
        .cwe = 259,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags a string literal passed as a keyword argument with a "
                        "password-like name (`connect(user=\"app\", password=\"...\")`), the "
                        "fallback of a password-like environment variable "
                        "(`os.getenv(\"DB_PASSWORD\", \"...\")`, `os.environ.get`, "
                        "`os.environ.setdefault`), and the `default=` of a password-like "
                        "command-line option (`add_argument(\"--password\", default=\"...\")`, "
                        "`click.option(...)`, or `dest=\"password\"`), with the same name and "
                        "value tests as B105. The message names the argument, variable or "
                        "option, never the value.",
                .why = "A secret in source code is shared with everyone who can read the "
                       "repository, and cannot be rotated without a release.",
                .example = "```python\nclient = Client(host, token=\"ghp_abc123\")\n```",
                .use_instead = common_use_instead,
                .references = references,
                .vs_bandit = "Bandit reports only the first such keyword of a call and any "
                             "string, the empty one included. Vigil reports each keyword, and "
                             "skips the values B105 skips (empty strings, masks, templates, "
                             "labels, URLs without credentials, paths, setting names) and "
                             "arguments that describe a password (`password_label=`, "
                             "`token_type=`). Fallbacks of environment variables and defaults "
                             "of command-line options are Vigil's additions: Bandit sees "
                             "neither. The finding is on the string; the message names "
                             "the argument instead of quoting the secret.",
            },
        .reveals_secret = true,
    },
    call_kinds,
    check_call,
};

extern const Rule hardcoded_password_default{
    {
        .code = "B107",
        .name = "hardcoded-password-default",
        .bandit_name = "hardcoded_password_default",
        .ruff_code = "S107",
        .cwe = 259,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags a parameter with a password-like name whose default is a string "
                        "literal (`def connect(user, password=\"...\")`), with the same name and "
                        "value tests as B105. The message names the parameter, never the value.",
                .why = "Every caller that omits the argument uses the secret in the source, which "
                       "everyone with the code can read.",
                .example = "```python\ndef connect(host, password=\"hunter2\"):\n    ...\n```",
                .use_instead = "Require the secret, or default to `None` and read it at run "
                               "time:\n\n```python\nimport os\n\ndef connect(host, password=None):"
                               "\n    password = password or os.environ[\"DB_PASSWORD\"]\n```\n\n"
                               "There is no quick fix: where the secret should come from is a "
                               "deployment decision.",
                .references = references,
                .vs_bandit = "Bandit checks only the positional parameters of plain `def`s (and "
                             "pairs defaults with names from the right, which positional-only "
                             "parameters can shift). Vigil checks every parameter with a default: "
                             "positional-only, keyword-only, `async def` and lambdas. It skips the "
                             "values B105 skips (empty strings, masks, templates, labels, ...). "
                             "The finding is on the default; the message names the parameter "
                             "instead of quoting the secret.",
            },
        .reveals_secret = true,
    },
    definition_kinds,
    check_definition,
};

} // namespace vigil::analysis::rules

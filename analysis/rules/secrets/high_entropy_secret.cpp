// VG202: a random-looking string literal bound to a name that says it is a key, token or
// credential, by assignment, keyword argument, dictionary key or parameter default.
#include "analysis/rule_context.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"assignment", "keyword_argument", "pair", "default_parameter",
                                      "typed_default_parameter"};

// Whether a literal's value looks generated: 16+ characters without spaces, letters and digits,
// and at least 3.5 bits of entropy per character (3.0 for hex, whose alphabet is 16 symbols).
bool looks_random(std::string_view value) {
    if (value.size() < 16 || value.size() > 1024 || secrets::is_placeholder(value) ||
        value.find("://") != std::string_view::npos || value.find("::") != std::string_view::npos ||
        value.front() == '/' || value.front() == '.') {
        return false;
    }
    // Lower-case words joined by separators (module.path, host.io/v1alpha1,
    // google_oauth2_credentials) are names, not keys; lower-case hex with hyphens (a UUID) may be.
    bool separated = false;
    bool words = true;
    bool hex_and_hyphens = true;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        const bool separator = c == '.' || c == '_' || c == '-' || c == '/';
        separated = separated || separator;
        words = words && (std::islower(u) || std::isdigit(u) || separator);
        hex_and_hyphens = hex_and_hyphens && (std::isxdigit(u) || c == '-');
    }
    if (separated && words && !hex_and_hyphens) {
        return false;
    }
    bool letter = false;
    bool digit = false;
    bool hex = true;
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u) || u >= 0x80) {
            return false;
        }
        letter = letter || std::isalpha(u);
        digit = digit || std::isdigit(u);
        hex = hex && (std::isxdigit(u) || c == '-');
    }
    if (!letter || !digit) {
        return false;
    }
    // Hex of fewer than 24 digits is more often a short hash or id than a key.
    if (hex && value.size() < 24) {
        return false;
    }
    return secrets::shannon_entropy(value) >= (hex ? 3.0 : 3.5);
}

// The name a target or key stands for: `api_key`, `self.api_key` -> "api_key", `d["api_key"]`.
std::string target_name(const SemanticModel& model, TSNode target) {
    const std::string_view type = node_type(target);
    if (type == "identifier") {
        return std::string(model.text(target));
    }
    if (type == "attribute") {
        return std::string(model.text(child_by_field(target, "attribute")));
    }
    if (type == "subscript") {
        return model.string_value(child_by_field(target, "subscript")).value_or("");
    }
    if (type == "string") {
        return string_literal_value(target, model.text()).value_or("");
    }
    return {};
}

void check(TSNode node, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::string_view type = node_type(node);
    // The value first: it must be a string, and most are not (names cost a copy).
    const bool keyword = type == "keyword_argument" || type == "default_parameter" ||
                         type == "typed_default_parameter";
    const TSNode value =
        syntax::unparenthesized(child_by_field(node, type == "assignment" ? "right" : "value"));
    if (ts_node_is_null(value) || node_type(value) != "string") {
        return;
    }
    std::string name;
    if (type == "assignment") {
        name = target_name(model, child_by_field(node, "left"));
    } else if (keyword) {
        name = std::string(model.text(child_by_field(node, "name")));
    } else { // pair
        name = target_name(model, child_by_field(node, "key"));
    }
    // A key that is no identifier or setting name ("AWS::ApiGateway::ApiKey", a path) labels
    // something else.
    if (name.find_first_of(": /") != std::string::npos) {
        return;
    }
    // Names Bandit's password regex claims (password, token, secret...) are B105-B107's.
    if (name.empty() || !secrets::names_secret(name) || secrets::bandit_password_name(name)) {
        return;
    }
    const auto text = string_literal_value(value, model.text());
    if (!text || !looks_random(*text) || secrets::known_token_kind(*text)) {
        return; // a known token format is VG201's
    }
    context.report(value, {.message = "High-entropy string bound to '" + name +
                                      "' looks like a hardcoded secret"});
}

} // namespace

extern const Rule high_entropy_secret{
    {
        .code = "VG202",
        .name = "high-entropy-secret",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 798,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a random-looking string literal (16 or more characters without "
                        "spaces, with letters and digits, and at least 3.5 bits of Shannon entropy "
                        "per character, 3.0 for hexadecimal) bound to a name that says it holds a "
                        "key or credential (`api_key`, `apiKey`, `access_key`, `private_key`, "
                        "`signing_key`, `auth`, `credentials`...) by assignment, keyword argument, "
                        "dictionary key or parameter default. Names that describe the secret "
                        "rather than hold it (`*_url`, `*_path`, `*_file`, `*_name`, `*_field`, "
                        "`*_header`, `*_env`, `*_var`, `*_prompt`...) and placeholders are left "
                        "alone.",
                .why = "A key in source code is readable by everyone who can read the code, "
                       "forever (it stays in the history), and cannot be rotated without a "
                       "release.",
                .example = "```python\nSTRIPE_API_KEY = \"q8Zt4mW2xLr9Kd7PbN3v\"\n```",
                .use_instead = "```python\nimport os\n\nSTRIPE_API_KEY = "
                               "os.environ[\"STRIPE_API_KEY\"]\n```",
                .references = "- https://cwe.mitre.org/data/definitions/798.html\n"
                              "- https://owasp.org/www-community/vulnerabilities/"
                              "Use_of_hard-coded_password",
                .vs_bandit =
                    "Bandit and ruff have no entropy check. Their B105-B107 (S105-S107) report "
                    "any string bound to a name matching "
                    "`pas+wo?r?d|pass(phrase)?|pwd|token|secrete?` between underscores, and "
                    "miss `api_key`, `apikey`, `access_key`, `private_key` and `credentials`. "
                    "This rule leaves the names that regex matches to B105-B107, so one line "
                    "never gets both, and reports the key-like names they miss, but only with "
                    "a value that looks generated. A value in a well-known token format is "
                    "VG201's.",
            },
        .reveals_secret = true,
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

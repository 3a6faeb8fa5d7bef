// VG204: a secret (token, signature, digest, HMAC, password hash...) compared with == or !=,
// which returns as soon as a character differs and so tells an attacker how much was right.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"comparison_operator"};

// `mac` alone is as often a MAC address, `sig` a signal, and `hash` a dictionary hash: not on
// the list.
// `digest` alone is as often a file's checksum (integrity, not secrecy), and `signature` a
// function's (inspect.Signature): they count in files that import hmac.
constexpr std::array<std::string_view, 3> compared_secret_words = {"hmac", "csrf", "otp"};
constexpr std::array<std::string_view, 5> hmac_file_words = {"signature", "hmac", "csrf", "otp",
                                                             "digest"};

// Inside __eq__/__ne__ (or a function named like one: IsSameSecret, credentials_changed,
// compare_identity), comparing fields is an object's equality, not a check of a secret.
bool in_equality_method(const SemanticModel& model, TSNode node) {
    for (TSNode up = syntax::parent(node); !ts_node_is_null(up); up = syntax::parent(up)) {
        if (node_type(up) == "function_definition") {
            const std::string_view name = model.text(child_by_field(up, "name"));
            if (name == "__eq__" || name == "__ne__") {
                return true;
            }
            for (const std::string& part : secrets::name_parts(name)) {
                if (part == "same" || part == "equal" || part == "equals" || part == "eq" ||
                    part == "changed" || part == "differ" || part == "differs" || part == "diff" ||
                    part == "compare" || part == "matches") {
                    return true;
                }
            }
            return false;
        }
    }
    return false;
}

// Parts that make one side a user's second entry of the same value (a confirmation field), which
// is no secret to time; also `password2`.
bool is_confirmation(std::string_view name) {
    if (!name.empty() && std::isdigit(static_cast<unsigned char>(name.back()))) {
        return true;
    }
    for (const std::string& part : secrets::name_parts(name)) {
        if (part == "confirm" || part == "confirmation" || part == "repeat" || part == "again" ||
            part == "retype" || part == "repeated" || part == "confirmed") {
            return true;
        }
    }
    return false;
}

std::string_view last_name(const SemanticModel& model, TSNode expression) {
    const std::string_view type = node_type(expression);
    if (type == "identifier") {
        return model.text(expression);
    }
    if (type == "attribute") {
        return model.text(child_by_field(expression, "attribute"));
    }
    if (type == "subscript") {
        const TSNode key = child_by_field(expression, "subscript");
        if (!ts_node_is_null(key) && node_type(key) == "string") {
            const std::string_view text = model.text(key);
            return text.size() >= 2 ? text.substr(1, text.size() - 2) : text;
        }
    }
    return {};
}

bool is_constant_name(std::string_view name) {
    bool letter = false;
    for (char c : name) {
        if (std::islower(static_cast<unsigned char>(c))) {
            return false;
        }
        letter = letter || std::isalpha(static_cast<unsigned char>(c));
    }
    return letter;
}

// An HMAC's digest: hmac.new(...).hexdigest(), hmac.digest(...), hmac.HMAC(...).digest().
bool is_hmac_digest(const SemanticModel& model, TSNode expression) {
    if (node_type(expression) != "call") {
        return false;
    }
    const TSNode callee = child_by_field(expression, "function");
    const std::string name = model.qualified_name(callee);
    if (name == "hmac.digest") {
        return true;
    }
    if (model.method_name(callee).empty()) {
        return false;
    }
    const std::string_view method = model.method_name(callee);
    const TSNode receiver = child_by_field(callee, "object");
    if ((method != "hexdigest" && method != "digest") || node_type(receiver) != "call") {
        return false;
    }
    const std::string maker = model.qualified_name(child_by_field(receiver, "function"));
    return maker == "hmac.new" || maker == "hmac.HMAC";
}

enum class Side { Secret, Plain, Exempt };

// `self.name` where the class body binds `name` to a literal (reset_url_token = "set-password"):
// a constant, not a secret.
bool is_class_literal(const SemanticModel& model, TSNode side) {
    if (node_type(side) != "attribute") {
        return false;
    }
    const TSNode object = child_by_field(side, "object");
    if (node_type(object) != "identifier" || model.text(object) != "self") {
        return false;
    }
    TSNode owner = syntax::parent(side);
    while (!ts_node_is_null(owner) && node_type(owner) != "class_definition") {
        owner = syntax::parent(owner);
    }
    if (ts_node_is_null(owner)) {
        return false;
    }
    for (const Scope& scope : model.scopes()) {
        if (ts_node_eq(scope.node, owner)) {
            const auto it = scope.bindings.find(model.text(child_by_field(side, "attribute")));
            return it != scope.bindings.end() && !ts_node_is_null(it->second.value) &&
                   model.is_literal(it->second.value);
        }
    }
    return false;
}

// Whether `derived` is a name assigned from an expression that uses `source`
// (csrf_token = _sanitize_token(cookie_token); csrf_token != cookie_token): a value checked
// against its own normalised form, not against a secret.
bool derived_from(const SemanticModel& model, TSNode derived, TSNode source) {
    if (node_type(derived) != "identifier" || node_type(source) != "identifier") {
        return false;
    }
    const Binding* binding = model.resolve(derived);
    if (!binding || binding->kind != Binding::Kind::Assignment || ts_node_is_null(binding->value)) {
        return false;
    }
    const std::string_view name = model.text(source);
    const std::string_view value = model.text(binding->value);
    for (std::size_t at = value.find(name); at != std::string_view::npos;
         at = value.find(name, at + 1)) {
        const bool start_ok =
            at == 0 ||
            !(std::isalnum(static_cast<unsigned char>(value[at - 1])) || value[at - 1] == '_');
        const std::size_t end = at + name.size();
        const bool end_ok =
            end == value.size() ||
            !(std::isalnum(static_cast<unsigned char>(value[end])) || value[end] == '_');
        if (start_ok && end_ok) {
            return true;
        }
    }
    return false;
}

Side classify(const SemanticModel& model, TSNode side) {
    const std::string_view type = node_type(side);
    if (model.is_literal(side) || type == "none" || type == "true" || type == "false" ||
        type == "string" || type == "concatenated_string" || type == "integer" ||
        type == "unary_operator") {
        return Side::Exempt;
    }
    if (type == "call") {
        if (is_hmac_digest(model, side)) {
            return Side::Secret;
        }
        const CallView& view = model.call(side);
        for (std::string_view builtin :
             {"len", "bool", "int", "type", "isinstance", "hash", "id"}) {
            if (model.calls_builtin(view, builtin)) {
                return Side::Exempt;
            }
        }
        return Side::Plain;
    }
    const std::string_view name = last_name(model, side);
    if (name.empty()) {
        return Side::Plain;
    }
    if (is_confirmation(name)) {
        return Side::Exempt;
    }
    // A bare `auth` is a mode or an object; a bare `token` a lexer's, unless the file works with
    // credentials.
    const auto strength = model.imports_module("hmac")
                              ? secrets::secret_strength(name, hmac_file_words)
                              : secrets::secret_strength(name, compared_secret_words);
    if (strength == secrets::SecretStrength::Strong ||
        (strength == secrets::SecretStrength::TokenOnly &&
         secrets::file_handles_credentials(model))) {
        return Side::Secret;
    }
    // A non-secret constant (NEWLINE, tokenize.NAME): a lexer's token kinds, not a secret check.
    return is_constant_name(name) ? Side::Exempt : Side::Plain;
}

void check(TSNode comparison, RuleContext& context) {
    const SemanticModel& model = context.model();
    std::vector<TSNode> operands; // comments inside a multi-line comparison are named too
    for (uint32_t i = 0; i < syntax::named_child_count(comparison); ++i) {
        const TSNode child = syntax::named_child(comparison, i);
        if (node_type(child) != "comment") {
            operands.push_back(child);
        }
    }
    if (operands.size() != 2) {
        return;
    }
    const TSNode op = child_by_field(comparison, "operators");
    const std::string_view op_text = model.text(op);
    if (op_text != "==" && op_text != "!=") {
        return;
    }
    const TSNode left = operands[0];
    const TSNode right = operands[1];
    const Side a = classify(model, left);
    const Side b = classify(model, right);
    if (a == Side::Exempt || b == Side::Exempt || (a != Side::Secret && b != Side::Secret) ||
        in_equality_method(model, comparison)) {
        return;
    }
    // A secret-named constant (REASON_NO_CSRF_COOKIE) against a plain value is a code, not a key;
    // against another secret (request.args["api_key"] == settings.API_KEY) it is checked.
    const auto constant_only = [&](TSNode side, Side kind, Side other) {
        return kind == Side::Secret && other != Side::Secret &&
               is_constant_name(last_name(model, side));
    };
    if (constant_only(left, a, b) || constant_only(right, b, a) ||
        derived_from(model, left, right) || derived_from(model, right, left) ||
        is_class_literal(model, left) || is_class_literal(model, right)) {
        return;
    }
    const TSNode secret = a == Side::Secret ? left : right;
    std::string replacement = "hmac.compare_digest(" + std::string(model.text(left)) + ", " +
                              std::string(model.text(right)) + ")";
    if (op_text == "!=") {
        replacement = "not " + replacement;
    }
    Fix fix{.title = "Compare with hmac.compare_digest (both sides must be str of ASCII "
                     "characters, or both bytes)",
            .applicability = Applicability::Unsafe,
            .edits = {replace_node(comparison, replacement)}};
    if (auto import = add_import(model, model.root(), "hmac")) {
        fix.edits.push_back(std::move(*import));
    }
    std::vector<Fix> fixes;
    const TSNode parent = syntax::parent(comparison);
    const std::string_view parent_type = ts_node_is_null(parent) ? "" : node_type(parent);
    if (op_text == "==" || (parent_type != "binary_operator" && parent_type != "unary_operator")) {
        fixes.push_back(std::move(fix));
    }
    const std::string shown = std::string(model.text(secret)).substr(0, 60);
    context.report(comparison, {.message = "'" + shown + "' compared with " + std::string(op_text) +
                                           ", in time that depends on how much of it matches; use "
                                           "hmac.compare_digest",
                                .fixes = std::move(fixes)});
}

} // namespace

extern const Rule timing_unsafe_comparison{
    {
        .code = "VG204",
        .name = "timing-unsafe-comparison",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 208,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags `==` and `!=` where one side holds a secret: a name like "
                    "`access_token`, `signature`, `hmac`, `otp`, `password_hash`, `api_key`, "
                    "`csrf_token`, or an HMAC digest (`hmac.new(...).hexdigest()`). A bare "
                    "`token` and `digest` count only in files that import a credentials library "
                    "(`hmac`, `jwt`, `secrets`...; elsewhere they are a parser's tokens and a "
                    "file's checksum); a bare `auth`, `mac` (an address) and `sig` (a signal) "
                    "do not count. Comparisons with `None`, a literal, `len()` or a bool, with a "
                    "constant (`tokenize.NAME`, `REASON_NO_CSRF_COOKIE` against a plain value), "
                    "of a password with its confirmation (`confirm_password`, `password2`), of "
                    "a value with its own normalised form (`csrf_token = sanitize(cookie); "
                    "csrf_token != cookie`), with a class attribute bound to a literal "
                    "(`self.reset_url_token`), and inside `__eq__`/`__ne__` (or `IsSame...`, "
                    "`..._changed`, `compare_...` functions) are left alone.",
                .why = "`==` on strings and bytes stops at the first difference, so the time it "
                       "takes tells an attacker how many leading characters of a guess were "
                       "right; a token or signature can then be guessed one character at a time.",
                .example = "```python\nif request.headers[\"X-Signature\"] == hmac.new(key, body, "
                           "\"sha256\").hexdigest():\n    accept()\n```",
                .use_instead =
                    "```python\nimport hmac\n\nif hmac.compare_digest(\n    "
                    "request.headers[\"X-Signature\"],\n    hmac.new(key, body, "
                    "\"sha256\").hexdigest(),\n):\n    accept()\n```\n\nThe quick fix makes "
                    "this change but is never applied automatically: `compare_digest` raises "
                    "`TypeError` unless both sides are `str` of ASCII characters or both are "
                    "bytes-like, where `==` just returned False.",
                .references = "- https://docs.python.org/3/library/hmac.html#hmac.compare_digest\n"
                              "- https://cwe.mitre.org/data/definitions/208.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

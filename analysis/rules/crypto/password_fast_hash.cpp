// VG223: a password hashed with a fast hash (hashlib.sha256(password), h.update(password)) where
// a password hashing function (scrypt, PBKDF2, argon2, bcrypt) belongs.
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

// Every name the check matches has one of these parts, which the file must then contain.
constexpr std::string_view markers[] = {"hashlib"};

constexpr std::array<std::string_view, 17> fast_hashes = {
    "md5",      "sha1",     "sha224",     "sha256",     "sha384",   "sha512",
    "sha3_224", "sha3_256", "sha3_384",   "sha3_512",   "blake2b",  "blake2s",
    "new",      "md4",      "sha512_224", "sha512_256", "ripemd160"};

bool names_password(std::string_view name) {
    const auto parts = secrets::name_parts(name);
    if (parts.empty() || secrets::is_one_of(parts.back(), secrets::label_words) ||
        parts.back() == "hash" || parts.back() == "hashed" || parts.back() == "digest") {
        return false;
    }
    for (const std::string& part : parts) {
        if (part == "password" || part == "passwd" || part == "pwd" || part == "passphrase" ||
            part == "pw") {
            return true;
        }
    }
    return false;
}

// The password an expression hashes: a password-named variable or attribute, `.encode()`d,
// concatenated with a salt, or formatted into a string; a null node otherwise.
TSNode password_in(const SemanticModel& model, TSNode expression, int depth = 0) {
    if (ts_node_is_null(expression) || depth > 6) {
        return TSNode{};
    }
    const std::string_view type = node_type(expression);
    if (type == "identifier") {
        return names_password(model.text(expression)) ? expression : TSNode{};
    }
    if (type == "attribute") {
        return names_password(model.text(child_by_field(expression, "attribute"))) ? expression
                                                                                   : TSNode{};
    }
    if (type == "parenthesized_expression") {
        return password_in(model, syntax::named_child(expression, 0), depth + 1);
    }
    if (type == "binary_operator") {
        TSNode found = password_in(model, child_by_field(expression, "left"), depth + 1);
        return ts_node_is_null(found)
                   ? password_in(model, child_by_field(expression, "right"), depth + 1)
                   : found;
    }
    if (type == "string") {
        for (uint32_t i = 0; i < syntax::named_child_count(expression); ++i) {
            const TSNode part = syntax::named_child(expression, i);
            if (node_type(part) == "interpolation") {
                if (TSNode found =
                        password_in(model, child_by_field(part, "expression"), depth + 1);
                    !ts_node_is_null(found)) {
                    return found;
                }
            }
        }
        return TSNode{};
    }
    if (type == "call") {
        const TSNode callee = child_by_field(expression, "function");
        if (const std::string_view method = model.method_name(callee); !method.empty()) {
            if (method == "encode") {
                return password_in(model, child_by_field(callee, "object"), depth + 1);
            }
            if (method == "format") {
                for (TSNode argument : model.call(expression).positional) {
                    if (TSNode found = password_in(model, argument, depth + 1);
                        !ts_node_is_null(found)) {
                        return found;
                    }
                }
            }
        }
        const CallView& view = model.call(expression);
        if ((model.calls_builtin(view, "bytes") || model.calls_builtin(view, "str")) &&
            !view.positional.empty()) {
            return password_in(model, view.positional.front(), depth + 1);
        }
    }
    return TSNode{};
}

bool is_hashlib_function(const std::string& name) {
    return name.starts_with("hashlib.") &&
           secrets::is_one_of(std::string_view(name).substr(8), fast_hashes);
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    TSNode data{};
    if (is_hashlib_function(name)) {
        data = name == "hashlib.new" ? view.argument(1, "data") : view.argument(0, "string");
        if (ts_node_is_null(data)) {
            data = view.keyword("data");
        }
    } else if (view.method == "update") {
        const TSNode made_by = bound_call(model, view.receiver);
        if (ts_node_is_null(made_by) ||
            !is_hashlib_function(model.qualified_name(child_by_field(made_by, "function")))) {
            return;
        }
        data = view.argument(0);
    } else {
        return;
    }
    const TSNode password = password_in(model, data);
    if (ts_node_is_null(password)) {
        return;
    }
    context.report(view.callee,
                   {.message = "Password '" + std::string(model.text(password)) +
                               "' hashed with a fast hash; use a password hashing function "
                               "(hashlib.scrypt, hashlib.pbkdf2_hmac, argon2, bcrypt)"});
}

} // namespace

extern const Rule password_fast_hash{
    {
        .code = "VG223",
        .name = "password-fast-hash",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 916,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a password (a variable or attribute named `password`, `passwd`, "
                        "`pwd`, `passphrase`..., possibly `.encode()`d, concatenated with a salt "
                        "or formatted into a string) hashed with a fast hash: "
                        "`hashlib.sha256/sha1/md5/sha512/blake2b/...(password)`, "
                        "`hashlib.new(name, password)`, or `.update(password)` on such a hash.",
                .why = "Fast hashes are built to run billions of times a second on a GPU: a "
                       "leaked table of salted SHA-256 password hashes is cracked as fast as an "
                       "attacker can guess. Password hashing functions are slow (and "
                       "memory-hard) on purpose.",
                .example = "```python\nimport hashlib\n\nstored = hashlib.sha256((salt + "
                           "password).encode()).hexdigest()\n```",
                .use_instead =
                    "```python\nimport hashlib\nimport os\n\nsalt = os.urandom(16)\nstored = "
                    "hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)\n```\n\n"
                    "or `hashlib.pbkdf2_hmac(\"sha256\", password.encode(), salt, 600_000)`, "
                    "argon2-cffi or bcrypt. No quick fix: stored hashes must be migrated.",
                .references = "- https://cheatsheetseries.owasp.org/cheatsheets/"
                              "Password_Storage_Cheat_Sheet.html\n"
                              "- https://docs.python.org/3/library/hashlib.html#key-derivation\n"
                              "- https://cwe.mitre.org/data/definitions/916.html",
                .vs_bandit = "Bandit and ruff have no such check. Their B324 (S324) flags MD5 "
                             "and SHA-1 whatever they hash, so `hashlib.md5(password)` gets both "
                             "findings: B324 for the broken hash, this rule for hashing a "
                             "password with any fast hash (SHA-256, which B324 accepts, too).",
            },
    },
    kinds,
    check,
    {},
    markers,
};

} // namespace vigil::analysis::rules

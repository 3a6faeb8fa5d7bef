// VG222: a cipher, MAC or token-signing key written in the source: a literal (or a name bound
// once to one) given to cryptography's algorithms, Fernet and AEADs, PyCryptodome's new(), hmac,
// or jwt.encode/decode.
#include "analysis/rule_context.hpp"
#include "analysis/rules/crypto/static_value.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

// Every name the check matches has one of these parts, which the file must then contain.
constexpr std::string_view markers[] = {"cryptography", "Crypto", "hmac", "jwt"};

// The key argument of a call that takes one, or a null node.
TSNode key_argument(const CallView& view, const std::string& name) {
    if (name.starts_with("cryptography.hazmat.primitives.ciphers.algorithms.")) {
        return view.argument(0, "key");
    }
    if (name.starts_with("cryptography.hazmat.primitives.ciphers.aead.") ||
        name == "cryptography.fernet.Fernet" ||
        name.starts_with("cryptography.hazmat.primitives.hmac.HMAC")) {
        return view.argument(0, "key");
    }
    if ((name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher.") ||
         name.starts_with("Crypto.Hash.HMAC") || name.starts_with("Cryptodome.Hash.HMAC")) &&
        name.ends_with(".new")) {
        return view.argument(0, "key");
    }
    if (name == "hmac.new" || name == "hmac.HMAC" || name == "hmac.digest") {
        return view.argument(0, "key");
    }
    if (name == "jwt.encode" || name == "jose.jwt.encode" || name == "jwt.decode" ||
        name == "jose.jwt.decode") {
        return view.argument(1, "key");
    }
    return TSNode{};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    const TSNode key = key_argument(view, name);
    if (ts_node_is_null(key) || !crypto::callee_is_imported(model, view.callee) ||
        !crypto::is_static_value(model, key) || crypto::is_test_file(context.path())) {
        return;
    }
    // An empty key is "no key" (jwt.decode(token, "", options=...)), not a hardcoded one.
    if (const auto text = model.string_value(key); text && text->empty()) {
        return;
    }
    const std::string shown =
        node_type(key) == "identifier" ? " '" + std::string(model.text(key)) + "'" : "";
    context.report(view.callee, {.message = "Hardcoded key" + shown + " given to " +
                                            name.substr(name.rfind('.', name.size() - 5) + 1)});
}

} // namespace

extern const Rule hardcoded_crypto_key{
    {
        .code = "VG222",
        .name = "hardcoded-crypto-key",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 321,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a key written in the source (a str/bytes literal, "
                        "`bytes.fromhex(\"...\")`, `b\"k\" * 32`, or a name bound once to one "
                        "of those) given to `cryptography`'s `algorithms.AES(key)` and other "
                        "algorithms, `Fernet(key)`, AEADs (`AESGCM(key)`...), "
                        "PyCryptodome's `AES.new(key, ...)` and `HMAC.new`, `hmac.new(key, ...)` "
                        "and `hmac.digest`, and the key of `jwt.encode`/`jwt.decode`. The "
                        "message names the variable, never the key. Test files (`test_*.py`, "
                        "`*_test.py`, `conftest.py`) are skipped: keys there are test vectors.",
                .why = "A key in the source is known to everyone who can read the code, is the "
                       "same in every deployment, and cannot be rotated without a release: "
                       "whatever it encrypts or signs is as good as unprotected.",
                .example = "```python\nimport hmac\n\nsignature = hmac.new(b\"s3cr3t-k3y\", body, "
                           "\"sha256\").hexdigest()\n```",
                .use_instead = "Load the key from the environment or a secret store:\n\n"
                               "```python\nimport hmac\nimport os\n\nkey = "
                               "os.environ[\"SIGNING_KEY\"].encode()\nsignature = hmac.new(key, "
                               "body, \"sha256\").hexdigest()\n```",
                .references = "- https://cwe.mitre.org/data/definitions/321.html\n"
                              "- https://cheatsheetseries.owasp.org/cheatsheets/"
                              "Cryptographic_Storage_Cheat_Sheet.html#key-management",
                .vs_bandit = "Bandit and ruff have no such check (their B105-B107 look at names "
                             "like `password`, not at what a key is given to).",
            },
        .reveals_secret = true,
    },
    kinds,
    check,
    {},
    markers,
};

} // namespace vigil::analysis::rules

// VG221: an IV or nonce that is the same on every run: a literal, `b"\x00" * 16`, `bytes(16)`, or
// a constant, given to a cipher mode (cryptography), PyCryptodome's `new(..., iv=/nonce=)`, or an
// AEAD's encrypt().
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/rules/crypto/static_value.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

// Every name the check matches has one of these parts, which the file must then contain.
constexpr std::string_view markers[] = {"cryptography", "Crypto"};

constexpr std::string_view modes_prefix = "cryptography.hazmat.primitives.ciphers.modes.";
constexpr std::string_view aead_prefix = "cryptography.hazmat.primitives.ciphers.aead.";

// The IV/nonce argument of a call, with what to call it; a null node when the call takes none.
std::pair<TSNode, std::string_view> iv_argument(const SemanticModel& model, const CallView& view,
                                                const std::string& name) {
    if (name.starts_with(modes_prefix)) {
        const std::string_view mode = std::string_view(name).substr(modes_prefix.size());
        if (mode == "CBC" || mode == "OFB" || mode == "CFB" || mode == "CFB8") {
            return {view.argument(0, "initialization_vector"), "IV"};
        }
        if (mode == "CTR") {
            return {view.argument(0, "nonce"), "nonce"};
        }
        if (mode == "GCM") {
            return {view.argument(0, "initialization_vector"), "nonce"};
        }
        return {TSNode{}, ""};
    }
    if ((name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher.")) &&
        name.ends_with(".new")) {
        if (TSNode iv = view.keyword("iv"); !ts_node_is_null(iv)) {
            return {iv, "IV"};
        }
        if (TSNode nonce = view.keyword("nonce"); !ts_node_is_null(nonce)) {
            return {nonce, "nonce"};
        }
        // AES.new(key, AES.MODE_CBC, iv)
        const TSNode mode = view.argument(1, "mode");
        if (!ts_node_is_null(mode) && !ts_node_is_null(view.argument(2))) {
            return {view.argument(2), "IV"};
        }
        return {TSNode{}, ""};
    }
    // AESGCM(key).encrypt(nonce, data, aad), ChaCha20Poly1305, AESCCM, AESOCB3, AESGCMSIV.
    if (view.method == "encrypt") {
        const TSNode made_by = bound_call(model, view.receiver);
        if (!ts_node_is_null(made_by) &&
            model.qualified_name(child_by_field(made_by, "function")).starts_with(aead_prefix)) {
            return {view.argument(0, "nonce"), "nonce"};
        }
    }
    return {TSNode{}, ""};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    const auto [iv, what] = iv_argument(model, view, name);
    if (ts_node_is_null(iv) || !crypto::is_static_value(model, iv) ||
        crypto::is_test_file(context.path())) {
        return;
    }
    context.report(view.callee, {.message = "Static " + std::string(what) + " '" +
                                            std::string(model.text(iv)).substr(0, 40) +
                                            "': the same value on every encryption"});
}

} // namespace

extern const Rule static_iv_or_nonce{
    {
        .code = "VG221",
        .name = "static-iv-or-nonce",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 329,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags an IV or nonce that is the same on every run (a str/bytes "
                        "literal, `b\"\\x00\" * 16`, `bytes(16)`, `bytes.fromhex(\"...\")`, or "
                        "a name bound once to one of those) given to `cryptography`'s "
                        "`modes.CBC/CTR/GCM/OFB/CFB(...)`, to an AEAD's `encrypt(nonce, ...)` "
                        "(`AESGCM`, `ChaCha20Poly1305`...), or to PyCryptodome's "
                        "`AES.new(key, mode, iv=...)` / `nonce=` / third positional argument. "
                        "Test files (`test_*.py`, `*_test.py`, `conftest.py`) are skipped: "
                        "fixed IVs there are test vectors.",
                .why = "With a fixed IV, CBC encrypts equal messages to equal ciphertext and "
                       "leaks their common prefixes; with a reused nonce, CTR and GCM give the "
                       "XOR of two plaintexts away, and GCM's authentication key can be "
                       "recovered, so messages can be forged.",
                .example = "```python\nfrom cryptography.hazmat.primitives.ciphers import "
                           "Cipher, algorithms, modes\n\ncipher = Cipher(algorithms.AES(key), "
                           "modes.CBC(b\"\\x00\" * 16))\n```",
                .use_instead = "A fresh random IV for each message, stored with the "
                               "ciphertext:\n\n```python\nimport os\n\niv = os.urandom(16)\n"
                               "cipher = Cipher(algorithms.AES(key), modes.CBC(iv))\n```\n\nNo "
                               "quick fix: the IV must also be stored for decryption.",
                .references = "- https://cryptography.io/en/latest/hazmat/primitives/"
                              "symmetric-encryption/#modes\n"
                              "- https://cwe.mitre.org/data/definitions/329.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check,
    {},
    markers,
};

} // namespace vigil::analysis::rules

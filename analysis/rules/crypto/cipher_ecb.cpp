// VG220: ECB mode where Bandit's B305 does not look: PyCryptodome / PyCrypto `X.new(key,
// X.MODE_ECB)` and pyaes' AESModeOfOperationECB. (cryptography's `modes.ECB()` is B305's.)
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

// Every name the check matches has one of these parts, which the file must then contain.
constexpr std::string_view markers[] = {"Crypto", "pyaes"};

bool is_pycryptodome_cipher(std::string_view name) {
    return name.starts_with("Crypto.Cipher.") || name.starts_with("Cryptodome.Cipher.");
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    if (name == "pyaes.AESModeOfOperationECB" || name == "pyaes.aes.AESModeOfOperationECB") {
        context.report(view.callee, {.message = "pyaes ECB mode encrypts equal blocks to equal "
                                                "ciphertext"});
        return;
    }
    if (!is_pycryptodome_cipher(name) || !name.ends_with(".new")) {
        return;
    }
    const TSNode mode = view.argument(1, "mode");
    if (ts_node_is_null(mode)) {
        return;
    }
    const std::string mode_name = model.qualified_name(mode);
    if (mode_name.ends_with(".MODE_ECB") || mode_name == "MODE_ECB" ||
        (node_type(mode) == "integer" && model.text(mode) == "1")) {
        const std::string cipher = name.substr(0, name.size() - 4);
        context.report(view.callee,
                       {.message = "Cipher " + cipher.substr(cipher.rfind('.') + 1) +
                                   " in ECB mode encrypts equal blocks to equal ciphertext"});
    }
}

} // namespace

extern const Rule cipher_ecb_mode{
    {
        .code = "VG220",
        .name = "cipher-ecb-mode",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 327,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags ciphers used in ECB mode through PyCryptodome and PyCrypto "
                        "(`AES.new(key, AES.MODE_ECB)`, `DES.new(key, DES.MODE_ECB)`, "
                        "`DES3`, `Blowfish`, `CAST`, `ARC2`..., also as `mode=`) and pyaes "
                        "(`AESModeOfOperationECB`).",
                .why = "ECB encrypts each block on its own, so equal plaintext blocks give equal "
                       "ciphertext blocks: the structure of the data shows through, and blocks "
                       "can be cut, reordered and replayed without the key.",
                .example = "```python\nfrom Crypto.Cipher import AES\n\ncipher = AES.new(key, "
                           "AES.MODE_ECB)\n```",
                .use_instead = "An authenticated mode with a fresh nonce:\n\n```python\nfrom "
                               "Crypto.Cipher import AES\n\ncipher = AES.new(key, AES.MODE_GCM)"
                               "\nciphertext, tag = cipher.encrypt_and_digest(data)\n"
                               "nonce = cipher.nonce\n```\n\nNo quick fix: another mode needs a "
                               "nonce or IV stored with the ciphertext.",
                .references = "- https://pycryptodome.readthedocs.io/en/latest/src/cipher/"
                              "classic.html#ecb-mode\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit = "Bandit's B305 (ruff's S305) flags only `cryptography`'s "
                             "`modes.ECB()`; this rule covers the libraries it misses and leaves "
                             "`modes.ECB()` to B305, so no call gets both.",
            },
    },
    kinds,
    check,
    {},
    markers,
};

} // namespace vigil::analysis::rules

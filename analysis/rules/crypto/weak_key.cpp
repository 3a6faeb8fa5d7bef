// B505: RSA, DSA and EC keys too small to resist factoring / discrete-log attacks.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"generate_private_key", "generate_parameters",
                                             "generate"};

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

// The integer a key size evaluates to: a literal (`1024`, `0x400`, `1_024`), a name bound once
// to one, or arithmetic on those (`512 * 2`).
std::optional<long long> integer_value(const SemanticModel& model, TSNode node) {
    const auto value = model.constant_value(node);
    if (!value || value->kind != Constant::Kind::Int) {
        return std::nullopt;
    }
    return value->integer;
}

struct Curve {
    std::string_view name;
    int bits;
};

// cryptography's curve classes, sized as Bandit sizes them.
constexpr Curve curves[] = {
    {"SECT571K1", 571}, {"SECT571R1", 570}, {"SECP521R1", 521},       {"BrainpoolP512R1", 512},
    {"SECT409K1", 409}, {"SECT409R1", 409}, {"BrainpoolP384R1", 384}, {"SECP384R1", 384},
    {"SECT283K1", 283}, {"SECT283R1", 283}, {"BrainpoolP256R1", 256}, {"SECP256K1", 256},
    {"SECP256R1", 256}, {"SECT233K1", 233}, {"SECT233R1", 233},       {"SECP224R1", 224},
    {"SECP192R1", 192}, {"SECT163K1", 163}, {"SECT163R2", 163}};

std::optional<int> curve_bits(std::string_view name) {
    for (const Curve& curve : curves) {
        if (curve.name == name) {
            return curve.bits;
        }
    }
    return std::nullopt;
}

// The node holding the curve's class name: `ec.SECP192R1` (Bandit's form), `ec.SECP192R1()` (the
// documented one: an instance), or an imported `SECP192R1`.
TSNode curve_name_node(TSNode curve) {
    if (node_type(curve) == "call") {
        curve = child_by_field(curve, "function");
    }
    if (node_type(curve) == "attribute") {
        return child_by_field(curve, "attribute");
    }
    return node_type(curve) == "identifier" ? curve : TSNode{};
}

// PyCryptodome's names for its NIST P-192 curve (the only one under 224 bits it knows).
bool is_p192(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name == "p-192" || name == "p192" || name == "nist p-192" || name == "prime192v1" ||
           name == "secp192r1";
}

void report(RuleContext& context, const CallView& view, std::string_view type, long long size,
            std::vector<Fix> fixes) {
    const RuleOptions& options = context.options();
    int high = options.weak_key_size_rsa_high;
    int medium = options.weak_key_size_rsa_medium;
    if (type == "DSA") {
        high = options.weak_key_size_dsa_high;
        medium = options.weak_key_size_dsa_medium;
    } else if (type == "EC") {
        high = options.weak_key_size_ec_high;
        medium = options.weak_key_size_ec_medium;
    }
    const bool is_high = size < high;
    if (!is_high && size >= medium) {
        return;
    }
    context.report(view.callee, {.message = std::string(type) + " key sizes below " +
                                            std::to_string(is_high ? high : medium) +
                                            " bits are considered breakable (this key: " +
                                            std::to_string(size) + " bits).",
                                 .severity = is_high ? Level::High : Level::Medium,
                                 .fixes = std::move(fixes)});
}

// An RSA/DSA size given as a literal: replaced with the MEDIUM threshold (2048 by default).
std::vector<Fix> size_fix(const RuleContext& context, TSNode size, std::string_view type) {
    if (ts_node_is_null(size) || node_type(size) != "integer") {
        return {};
    }
    const RuleOptions& options = context.options();
    const int target = std::max(2048, type == "DSA" ? options.weak_key_size_dsa_medium
                                                    : options.weak_key_size_rsa_medium);
    return {Fix{.title = "Use a " + std::to_string(target) + "-bit key",
                .applicability = Applicability::Unsafe,
                .edits = {replace_node(size, std::to_string(target))}}};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    constexpr std::string_view hazmat = "cryptography.hazmat.primitives.asymmetric.";
    if (name.starts_with(hazmat)) {
        const std::string_view rest = std::string_view(name).substr(hazmat.size());
        if (rest == "dsa.generate_private_key" || rest == "dsa.generate_parameters" ||
            rest == "rsa.generate_private_key") {
            const bool dsa = rest[0] == 'd';
            const TSNode size = view.argument(dsa ? 0 : 1, "key_size");
            // Without a size argument cryptography uses 2048 (older versions require one).
            if (const auto bits = integer_value(model, size)) {
                report(context, view, dsa ? "DSA" : "RSA", *bits,
                       size_fix(context, size, dsa ? "DSA" : "RSA"));
            }
        } else if (rest == "ec.generate_private_key") {
            const TSNode curve = view.argument(0, "curve");
            const TSNode curve_name = ts_node_is_null(curve) ? TSNode{} : curve_name_node(curve);
            if (ts_node_is_null(curve_name)) {
                return;
            }
            const TSNode written =
                node_type(curve) == "call" ? child_by_field(curve, "function") : curve;
            const bool bare = node_type(written) == "identifier"; // an imported class name
            std::string curve_class(model.text(curve_name));
            if (bare) {
                curve_class = std::string(last_part(model.qualified_name(curve_name)));
            }
            const auto bits = curve_bits(curve_class);
            if (!bits) {
                return;
            }
            std::vector<Fix> fixes;
            if (!bare) {
                const int medium = context.options().weak_key_size_ec_medium;
                const std::string_view target = medium <= 256   ? "SECP256R1"
                                                : medium <= 384 ? "SECP384R1"
                                                                : "SECP521R1";
                fixes.push_back(Fix{.title = "Use the " + std::string(target) + " curve",
                                    .applicability = Applicability::Unsafe,
                                    .edits = {replace_node(curve_name, std::string(target))}});
            }
            report(context, view, "EC", *bits, std::move(fixes));
        }
        return;
    }
    // paramiko: RSAKey.generate(bits), DSSKey.generate(bits=1024). SSH's DSA is 1024-bit only
    // (OpenSSH refuses larger ones), so a DSS key gets no fix: the way out is another key type.
    if (name == "paramiko.RSAKey.generate" || name == "paramiko.rsakey.RSAKey.generate") {
        const TSNode size = view.argument(0, "bits");
        if (const auto bits = integer_value(model, size)) {
            report(context, view, "RSA", *bits, size_fix(context, size, "RSA"));
        }
        return;
    }
    if (name == "paramiko.DSSKey.generate" || name == "paramiko.dsskey.DSSKey.generate") {
        const TSNode size = view.argument(0, "bits");
        if (ts_node_is_null(size) && !view.has_star_args && !view.has_star_kwargs) {
            report(context, view, "DSA", 1024, {}); // paramiko's default
        } else if (const auto bits = integer_value(model, size)) {
            report(context, view, "DSA", *bits, {});
        }
        return;
    }
    for (std::string_view package : {"Crypto.PublicKey.", "Cryptodome.PublicKey."}) {
        if (!name.starts_with(package)) {
            continue;
        }
        const std::string_view rest = std::string_view(name).substr(package.size());
        if (rest == "DSA.generate" || rest == "RSA.generate") {
            const std::string_view type = rest.substr(0, 3);
            const TSNode size = view.argument(0, "bits");
            if (const auto bits = integer_value(model, size)) {
                report(context, view, type, *bits, size_fix(context, size, type));
            }
        } else if (rest == "ECC.generate") {
            const TSNode curve = view.keyword("curve");
            const auto curve_name = model.string_value(curve);
            if (curve_name && is_p192(*curve_name)) {
                std::vector<Fix> fixes;
                if (node_type(curve) == "string") {
                    fixes.push_back(Fix{.title = "Use the P-256 curve",
                                        .applicability = Applicability::Unsafe,
                                        .edits = {replace_node(curve, "\"P-256\"")}});
                }
                report(context, view, "EC", 192, std::move(fixes));
            }
        }
        return;
    }
}

} // namespace

extern const Rule weak_cryptographic_key{
    {
        .code = "B505",
        .name = "weak-cryptographic-key",
        .bandit_name = "weak_cryptographic_key",
        .ruff_code = "S505",
        .cwe = 326,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what =
                    "Flags RSA and DSA keys generated with fewer than 2048 bits (HIGH below "
                    "1024) and elliptic-curve keys on curves under 224 bits (`SECP192R1`, "
                    "`SECT163K1`, `SECT163R2`), through `cryptography` "
                    "(`rsa.generate_private_key`, `dsa.generate_private_key`, "
                    "`dsa.generate_parameters`, `ec.generate_private_key`) and PyCrypto / "
                    "PyCryptodome (`RSA.generate`, `DSA.generate`, `ECC.generate`) and paramiko "
                    "(`RSAKey.generate`, `DSSKey.generate`). The "
                    "thresholds are Bandit's options (`weak_key_size_rsa_high`, ... in its "
                    "`weak_cryptographic_key` section, or `weak-key-size-rsa-high`, ... in "
                    "`[tool.vigil.options]`).",
                .why = "Keys this small can be broken with public tools and rented hardware "
                       "(RSA-768 was factored in 2009; 1024-bit keys are within reach of well-"
                       "funded attackers), and NIST has disallowed them since 2013.",
                .example = "```python\nfrom cryptography.hazmat.primitives.asymmetric import "
                           "rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, "
                           "key_size=1024)\n```",
                .use_instead = "```python\nfrom cryptography.hazmat.primitives.asymmetric import "
                               "rsa\n\nkey = rsa.generate_private_key(public_exponent=65537, "
                               "key_size=3072)\n```\n\nThe quick fixes raise a literal size to "
                               "2048 bits (or the configured MEDIUM threshold, if higher) and "
                               "replace a small curve with `SECP256R1` (`\"P-256\"` for "
                               "PyCryptodome). They are unsafe (offered, never applied by "
                               "fix-all): peers and stored formats may expect the old key size or "
                               "curve.",
                .references = "- https://csrc.nist.gov/pubs/sp/800/131/a/r2/final\n"
                              "- https://cryptography.io/en/latest/hazmat/primitives/asymmetric/"
                              "rsa/\n"
                              "- https://cwe.mitre.org/data/definitions/326.html",
                .vs_bandit =
                    "Same thresholds, options, severities and curve sizes as Bandit. Vigil "
                    "also flags the documented instance form `ec.SECP192R1()` (Bandit only "
                    "sees the class `ec.SECP192R1`), curves imported by name, a size held in a "
                    "name bound once to an integer (`KEY_BITS = 1024`), "
                    "`dsa.generate_parameters`, PyCryptodome's `ECC.generate(curve=\"P-192\")`, "
                    "and paramiko's `RSAKey.generate(bits)` and `DSSKey.generate()` (1024-bit DSA "
                    "by default, and SSH allows no other size: no fix, use another key type). "
                    "Imports and aliases resolve. The message also gives the key's size.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

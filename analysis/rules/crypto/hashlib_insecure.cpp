// B324: weak hashes through hashlib (md4, md5, sha, sha1) and weak crypt methods.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"md4", "md5", "sha", "sha1", "new", "crypt", "mksalt"};

bool is_weak(std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    name.erase(std::remove(name.begin(), name.end(), '-'), name.end()); // "sha-1" too
    return name == "md4" || name == "md5" || name == "sha" || name == "sha1";
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

// The hash may be used for something other than security (a cache key, a checksum): say so with
// usedforsecurity=False. Or it protects something: use SHA-256. Only the author knows which, so
// both fixes are offered and neither is applied automatically.
std::vector<Fix> fixes_for(const RuleContext& context, const CallView& view) {
    std::vector<Fix> fixes;
    if (auto edit = add_argument(view, context.model().text(), "usedforsecurity=False")) {
        fixes.push_back(Fix{.title = "Mark as not used for security (usedforsecurity=False)",
                            .applicability = Applicability::Unsafe,
                            .edits = {std::move(*edit)}});
    }
    if (syntax::node_type(view.callee) == "attribute") {
        fixes.push_back(Fix{
            .title = "Use SHA-256",
            .applicability = Applicability::Unsafe,
            .edits = {replace_node(syntax::child_by_field(view.callee, "attribute"), "sha256")}});
    }
    return fixes;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (name.starts_with("hashlib.")) {
        const std::string function = name.substr(8);
        std::string algorithm = function;
        if (function == "new") {
            const auto value = model.string_value(view.argument(0, "name"));
            if (!value) {
                return;
            }
            algorithm = *value;
        }
        if (!is_weak(algorithm)) {
            return;
        }
        // Any explicit usedforsecurity other than a literal True means the author decided.
        const TSNode used_for_security = view.keyword("usedforsecurity");
        if (!ts_node_is_null(used_for_security) && syntax::node_type(used_for_security) != "true") {
            return;
        }
        context.report(view.callee,
                       {.message = "Use of weak " + upper(algorithm) +
                                   " hash for security. Consider usedforsecurity=False",
                        .fixes = fixes_for(context, view)});
        return;
    }
    if (name == "crypt.crypt" || name == "crypt.mksalt") {
        const TSNode method =
            name == "crypt.crypt" ? view.argument(1, "salt") : view.argument(0, "method");
        const std::string& method_name = model.qualified_name(method);
        const std::string last = method_name.substr(method_name.rfind('.') + 1);
        if (last == "METHOD_CRYPT" || last == "METHOD_MD5" || last == "METHOD_BLOWFISH") {
            context.report(view.callee,
                           {.message = "Use of insecure crypt." + last + " hash function.",
                            .severity = Level::Medium});
        }
    }
}

} // namespace

extern const Rule hashlib_insecure{
    {
        .code = "B324",
        .name = "hashlib-insecure-hash-function",
        .bandit_name = "hashlib_insecure_functions",
        .ruff_code = "S324",
        .cwe = 327,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what =
                    "Flags MD4, MD5, SHA and SHA-1 through `hashlib` (also `hashlib.new(\"md5\")`) "
                    "unless `usedforsecurity=False` says the hash protects nothing, and the weak "
                    "`crypt` methods (MEDIUM).",
                .why =
                    "These hashes have practical collision attacks: signatures, integrity checks "
                    "and tokens that rely on them can be forged, and fast hashes are no way to "
                    "store passwords.",
                .example = "```python\nimport hashlib\n\nsignature = hashlib.md5(secret + "
                           "body).hexdigest()\n```",
                .use_instead =
                    "For security, a strong hash (or an HMAC):\n\n```python\nimport hashlib\n\n"
                    "signature = hashlib.sha256(secret + body).hexdigest()\n```\n\nFor a "
                    "checksum or cache key, say so:\n\n```python\nkey = hashlib.md5(data, "
                    "usedforsecurity=False).hexdigest()\n```\n\nQuick fixes offer both "
                    "(never applied automatically: only the author knows which).",
                .references = "- https://docs.python.org/3/library/hashlib.html\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit =
                    "Also catches `hashlib.new(\"SHA-1\")` and names resolved through aliases.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

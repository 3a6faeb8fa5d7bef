// VG210 / VG211: JWTs decoded without checking the signature, or with the algorithm left to the
// token. One family: both read the same jwt.decode call, and VG211 stays quiet when VG210 fired.
#include "analysis/rule_context.hpp"
#include "analysis/rules/crypto/static_value.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

// Every name the check matches has one of these parts, which the file must then contain.
constexpr std::string_view markers[] = {"jwt"};

bool is_jwt_decode(const SemanticModel& model, TSNode callee) {
    const std::string name = model.qualified_name(callee);
    return (name == "jwt.decode" || name == "jwt.api_jwt.decode" || name == "jose.jwt.decode" ||
            name == "jwt.PyJWT.decode") &&
           crypto::callee_is_imported(model, callee);
}

bool is_false(const SemanticModel& model, TSNode value) {
    const auto truth = model.literal_truth(value);
    return truth && !*truth;
}

// `options={"verify_signature": False}` or `options=dict(verify_signature=False)`.
TSNode disabled_signature_option(const SemanticModel& model, TSNode options) {
    if (ts_node_is_null(options)) {
        return TSNode{};
    }
    if (node_type(options) == "dictionary") {
        for (uint32_t i = 0; i < syntax::named_child_count(options); ++i) {
            const TSNode pair = syntax::named_child(options, i);
            if (node_type(pair) == "pair" &&
                model.string_value(child_by_field(pair, "key")) == "verify_signature" &&
                is_false(model, child_by_field(pair, "value"))) {
                return pair;
            }
        }
    } else if (node_type(options) == "call") {
        const CallView& view = model.call(options);
        if (model.calls_builtin(view, "dict")) {
            const TSNode value = view.keyword("verify_signature");
            if (!ts_node_is_null(value) && is_false(model, value)) {
                return value;
            }
        }
    }
    return TSNode{};
}

bool verification_disabled(const SemanticModel& model, const CallView& view) {
    const TSNode verify = view.keyword("verify");
    return (!ts_node_is_null(verify) && is_false(model, verify)) ||
           !ts_node_is_null(disabled_signature_option(model, view.keyword("options")));
}

void check_verification(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (!is_jwt_decode(model, view.callee) || !verification_disabled(model, view)) {
        return;
    }
    context.report(view.callee,
                   {.message = "JWT decoded without verifying its signature: anyone can forge "
                               "its claims"});
}

void check_algorithms(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (!is_jwt_decode(model, view.callee) || verification_disabled(model, view)) {
        return;
    }
    const TSNode algorithms = view.argument(2, "algorithms");
    if (ts_node_is_null(algorithms)) {
        if (view.has_star_args || view.has_star_kwargs) {
            return;
        }
        context.report(view.callee, {.message = "jwt.decode without algorithms=: the token's "
                                                "header chooses how it is verified"});
        return;
    }
    auto is_none = [&](TSNode value) {
        auto text = model.string_value(value);
        if (!text) {
            return false;
        }
        std::transform(text->begin(), text->end(), text->begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return *text == "none";
    };
    const std::string_view type = node_type(algorithms);
    if (is_none(algorithms)) {
        context.report(algorithms, {.message = "jwt.decode accepts the \"none\" algorithm: "
                                               "unsigned tokens pass"});
        return;
    }
    if (type == "list" || type == "tuple" || type == "set") {
        for (uint32_t i = 0; i < syntax::named_child_count(algorithms); ++i) {
            const TSNode item = syntax::named_child(algorithms, i);
            if (is_none(item)) {
                context.report(item, {.message = "jwt.decode accepts the \"none\" algorithm: "
                                                 "unsigned tokens pass"});
                return;
            }
        }
    }
}

} // namespace

extern const Rule jwt_verification_disabled{
    {
        .code = "VG210",
        .name = "jwt-verification-disabled",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 347,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `jwt.decode(...)` (PyJWT, python-jose) with `verify=False` or "
                        "`options={\"verify_signature\": False}` (a dict literal or "
                        "`dict(verify_signature=False)`).",
                .why = "Without the signature check a token's claims (user, roles, expiry) are "
                       "whatever the sender wrote: anyone can sign in as anyone.",
                .example = "```python\nimport jwt\n\nclaims = jwt.decode(token, options={"
                           "\"verify_signature\": False})\n```",
                .use_instead =
                    "Verify with the key and the algorithms you issue:\n\n```python\nimport "
                    "jwt\n\nclaims = jwt.decode(token, key, algorithms=[\"HS256\"])\n```\n\nTo "
                    "read the header before choosing a key, use `jwt.get_unverified_header`, "
                    "then decode with verification. No quick fix: the key and algorithms are "
                    "the author's to choose.",
                .references = "- https://pyjwt.readthedocs.io/en/stable/usage.html\n"
                              "- https://cwe.mitre.org/data/definitions/347.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_verification,
    {},
    markers,
};

extern const Rule jwt_unsafe_algorithms{
    {
        .code = "VG211",
        .name = "jwt-unsafe-algorithms",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 327,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `jwt.decode(...)` whose `algorithms` include `\"none\"` (any "
                        "case), or that has no `algorithms` argument at all. A decode that "
                        "does not verify the signature is VG210's, not this rule's.",
                .why = "With `\"none\"` allowed an unsigned token passes. Without `algorithms` "
                       "PyJWT before 2.0 and python-jose let the token's header pick the "
                       "algorithm, so a token signed with HS256 using an RSA public key (which is "
                       "public) verifies; PyJWT 2 raises instead.",
                .example = "```python\nimport jwt\n\nclaims = jwt.decode(token, public_key)\n```",
                .use_instead = "```python\nimport jwt\n\nclaims = jwt.decode(token, public_key, "
                               "algorithms=[\"RS256\"])\n```\n\nNo quick fix: only the author "
                               "knows which algorithm the tokens are signed with.",
                .references = "- https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode\n"
                              "- https://auth0.com/blog/critical-vulnerabilities-in-json-web-token-"
                              "libraries/\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit = "Bandit and ruff have no such check.",
            },
    },
    kinds,
    check_algorithms,
    {},
    markers,
};

} // namespace vigil::analysis::rules

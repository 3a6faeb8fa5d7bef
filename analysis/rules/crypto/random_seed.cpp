// VG224: random seeded with a constant in a file that also makes tokens, passwords, keys, salts
// or nonces with random: those values are then the same on every run.
#include "analysis/rule_context.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};

constexpr std::string_view callees[] = {"seed", "Random"};

// Not `key` or `code`: a dictionary key or status code drawn at random is a simulation.
constexpr std::array<std::string_view, 5> generated_secret_words = {"salt", "nonce", "otp", "pin",
                                                                    "iv"};

bool names_generated_secret(std::string_view name) {
    if (secrets::names_secret(name, generated_secret_words)) {
        return true;
    }
    return false;
}

// Whether the file assigns a value made by `random` (random.x(), or choice/randint/getrandbits on
// a generator) to a secret-like name. The model's index lists every node the walk saw (a plain
// string's parts hold no assignment): no second walk of the tree.
bool file_makes_secrets_with_random(const SemanticModel& model) {
    for (const syntax::NodeIndex::Entry& entry : model.index().entries()) {
        if (syntax::symbol_name(entry.symbol) != "assignment") {
            continue;
        }
        const TSNode left = child_by_field(entry.node, "left");
        const TSNode right = child_by_field(entry.node, "right");
        std::string_view name;
        if (node_type(left) == "identifier") {
            name = model.text(left);
        } else if (node_type(left) == "attribute") {
            name = model.text(child_by_field(left, "attribute"));
        }
        if (name.empty() || ts_node_is_null(right) || !names_generated_secret(name)) {
            continue;
        }
        // Any call to random.* inside the value: random.choice, "".join(random.choices())
        const std::string_view value = model.text(right);
        if (value.find("secrets.") == std::string_view::npos &&
            (value.find("random.") != std::string_view::npos ||
             value.find("choice(") != std::string_view::npos ||
             value.find("randint(") != std::string_view::npos ||
             value.find("getrandbits(") != std::string_view::npos)) {
            return true;
        }
    }
    return false;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    if (name != "random.seed" && name != "random.Random") {
        return;
    }
    const TSNode seed = view.argument(0, name == "random.seed" ? "a" : "x");
    if (ts_node_is_null(seed) || node_type(seed) == "none" || !model.is_literal(seed) ||
        !model.imports_module("random") || !file_makes_secrets_with_random(model)) {
        return;
    }
    context.report(view.callee,
                   {.message = name + " with a constant seed, in a file that makes secrets with "
                                      "random: they are the same on every run"});
}

} // namespace

extern const Rule random_seeded_constant{
    {
        .code = "VG224",
        .name = "random-seeded-constant",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 336,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `random.seed(<literal>)` and `random.Random(<literal>)` in a file "
                        "that also assigns values made with `random` to names like `token`, "
                        "`password`, `key`, `secret`, `salt`, `nonce`, `otp` or `pin`. Seeding "
                        "with a constant for reproducible simulations or tests, in a file that "
                        "makes no secrets, is left alone.",
                .why = "A generator seeded with a constant produces the same sequence on every "
                       "run: every token, password or key it makes is known to anyone who runs "
                       "the code once. (`random` is predictable even when unseeded: B311.)",
                .example = "```python\nimport random\nimport string\n\nrandom.seed(42)\n"
                           "token = \"\".join(random.choices(string.ascii_letters, k=32))\n```",
                .use_instead = "```python\nimport secrets\n\ntoken = "
                               "secrets.token_urlsafe(32)\n```",
                .references = "- https://docs.python.org/3/library/secrets.html\n"
                              "- https://cwe.mitre.org/data/definitions/336.html",
                .vs_bandit = "Bandit and ruff have no such check; their B311 (S311) flags every "
                             "`random` call for security-looking use or not, and not the seed.",
            },
    },
    kinds,
    check,
    callees,
};

} // namespace vigil::analysis::rules

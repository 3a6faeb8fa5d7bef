// B507: paramiko clients that accept unknown host keys.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <string>

namespace vigil::analysis::rules {

namespace {

using syntax::child_by_field;
using syntax::node_type;

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"set_missing_host_key_policy"};

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const TSNode callee = view.callee;
    const std::string_view method = !view.method.empty()                ? view.method
                                    : node_type(callee) == "identifier" ? model.text(callee)
                                                                        : std::string_view{};
    if (method != "set_missing_host_key_policy") {
        return;
    }
    const TSNode policy = view.argument(0, "policy");
    if (ts_node_is_null(policy)) {
        return;
    }
    // `paramiko.AutoAddPolicy()` or the class itself, `paramiko.AutoAddPolicy`.
    const TSNode policy_name =
        node_type(policy) == "call" ? child_by_field(policy, "function") : policy;
    const std::string& qualified = model.qualified_name(policy_name);
    const std::string_view last = last_part(qualified);
    if (last != "AutoAddPolicy" && last != "WarningPolicy") {
        return;
    }
    if (!qualified.starts_with("paramiko.") && !model.imports_module("paramiko")) {
        return;
    }
    std::vector<Fix> fixes;
    Fix fix{.title = "Reject unknown host keys (RejectPolicy)",
            .applicability = Applicability::Unsafe,
            .edits = {}};
    if (node_type(policy_name) == "attribute") {
        fix.edits.push_back(replace_node(child_by_field(policy_name, "attribute"), "RejectPolicy"));
    } else if (node_type(policy_name) == "identifier" && qualified.starts_with("paramiko.")) {
        fix.edits.push_back(replace_node(policy_name, "paramiko.RejectPolicy"));
        if (auto import = add_import(model, model.root(), "paramiko")) {
            fix.edits.push_back(std::move(*import));
        }
    }
    if (!fix.edits.empty()) {
        fixes.push_back(std::move(fix));
    }
    context.report(callee, {.message = "Paramiko call with policy set to automatically trust the "
                                       "unknown host key (" +
                                       std::string(last) + ").",
                            .fixes = std::move(fixes)});
}

} // namespace

extern const Rule ssh_no_host_key_verification{
    {
        .code = "B507",
        .name = "ssh-no-host-key-verification",
        .bandit_name = "ssh_no_host_key_verification",
        .ruff_code = "S507",
        .cwe = 295,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `set_missing_host_key_policy(...)` given paramiko's "
                        "`AutoAddPolicy` or `WarningPolicy` (an instance or the class).",
                .why = "Host keys are how SSH knows it talks to the right server. Accepting "
                       "unknown keys (`AutoAddPolicy`), or only logging them (`WarningPolicy`), "
                       "lets anyone who can intercept the connection impersonate the server and "
                       "collect the password or run the commands meant for it.",
                .example = "```python\nimport paramiko\n\nclient = paramiko.SSHClient()\n"
                           "client.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n```",
                .use_instead = "Load the known hosts and reject anything else:\n\n```python\n"
                               "import paramiko\n\nclient = paramiko.SSHClient()\n"
                               "client.load_system_host_keys()\n"
                               "client.set_missing_host_key_policy(paramiko.RejectPolicy())\n"
                               "```\n\nThe quick fix switches to `RejectPolicy`. It is unsafe "
                               "(offered, never applied by fix-all): hosts missing from the "
                               "known-hosts files stop connecting until their keys are added.",
                .references = "- https://docs.paramiko.org/en/stable/api/client.html\n"
                              "- https://cwe.mitre.org/data/definitions/295.html",
                .vs_bandit = "Same check as Bandit (any receiver, since the client is rarely "
                             "resolvable; the policy as an instance or a class). Vigil resolves "
                             "the policy through aliases and `from paramiko import "
                             "AutoAddPolicy`, also reads a `policy=` keyword, and needs paramiko "
                             "imported exactly (Bandit accepts any import whose name contains "
                             "`paramiko`) unless the policy itself resolves to paramiko. The "
                             "message names the policy.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

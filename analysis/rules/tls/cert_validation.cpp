// B501: requests / httpx calls with verify=False.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call", "assignment"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"get",    "options", "head",       "post",
                                             "put",    "patch",   "delete",     "request",
                                             "stream", "Client",  "AsyncClient"};

// Both checks look for `verify=False` or `.verify = False`, as written.
constexpr std::string_view markers[] = {"verify"};

constexpr std::array<std::string_view, 8> verbs = {"get", "options", "head",   "post",
                                                   "put", "patch",   "delete", "request"};

bool is_verb(std::string_view name) {
    for (std::string_view verb : verbs) {
        if (name == verb) {
            return true;
        }
    }
    return false;
}

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

// The library a qualified callee belongs to when it takes `verify=`: "requests" or "httpx".
std::string_view library_of(std::string_view name) {
    const std::string_view root = name.substr(0, name.find('.'));
    if (root != "requests" && root != "httpx") {
        return {};
    }
    const std::string_view last = last_part(name);
    if (is_verb(last)) {
        return root;
    }
    if (root == "httpx" && (last == "stream" || last == "Client" || last == "AsyncClient")) {
        return root;
    }
    return {};
}

// A session or client object: `requests.Session()` / `httpx.Client()` called directly, or a name
// bound once to such a call.
std::string_view session_library(const SemanticModel& model, TSNode object) {
    if (syntax::node_type(object) == "identifier") {
        object = model.single_value(object);
        if (ts_node_is_null(object)) {
            return {};
        }
    }
    if (syntax::node_type(object) != "call") {
        return {};
    }
    const std::string& name = model.qualified_name(syntax::child_by_field(object, "function"));
    if (name == "requests.Session" || name == "requests.session" ||
        name == "requests.sessions.Session") {
        return "requests";
    }
    if (name == "httpx.Client" || name == "httpx.AsyncClient") {
        return "httpx";
    }
    return {};
}

// verify=False, or a name bound once to False.
bool is_false(const SemanticModel& model, TSNode value) {
    if (syntax::node_type(value) == "false") {
        return true;
    }
    if (syntax::node_type(value) == "identifier") {
        const TSNode single = model.single_value(value);
        return !ts_node_is_null(single) && syntax::node_type(single) == "false";
    }
    return false;
}

// session.verify = False, on a requests session made in the same scope.
void check_assignment(TSNode assignment, RuleContext& context) {
    const SemanticModel& model = context.model();
    const TSNode target = syntax::child_by_field(assignment, "left");
    const TSNode value = syntax::child_by_field(assignment, "right");
    if (syntax::node_type(target) != "attribute" || ts_node_is_null(value) ||
        model.text(syntax::child_by_field(target, "attribute")) != "verify" ||
        !is_false(model, value)) {
        return;
    }
    const std::string_view library =
        session_library(model, syntax::child_by_field(target, "object"));
    if (library != "requests") {
        return; // httpx reads `verify` when the client is made, never from the attribute
    }
    std::vector<Fix> fixes;
    if (syntax::node_type(value) == "false") {
        fixes.push_back(Fix{.title = "Verify certificates (verify = True)",
                            .applicability = Applicability::Unsafe,
                            .edits = {replace_node(value, "True")}});
    }
    context.report(target, {.message = "requests.Session with verify = False disabling SSL "
                                       "certificate checks, security issue.",
                            .fixes = std::move(fixes)});
}

void check(TSNode node, RuleContext& context) {
    if (syntax::node_type(node) == "assignment") {
        check_assignment(node, context);
        return;
    }
    const TSNode call = node;
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const TSNode verify = view.keyword("verify");
    if (ts_node_is_null(verify) || !is_false(model, verify)) {
        return;
    }
    std::string_view library = library_of(model.qualified_name(view.callee));
    if (library.empty() && is_verb(view.method)) {
        library = session_library(model, view.receiver);
    }
    if (library.empty()) {
        return;
    }
    std::vector<Fix> fixes;
    if (syntax::node_type(verify) == "false") {
        // Unsafe: a host with a self-signed or private-CA certificate stops working until the
        // code passes that CA bundle (verify="/path/ca.pem"), which only the author knows.
        fixes.push_back(Fix{.title = "Verify certificates (verify=True)",
                            .applicability = Applicability::Unsafe,
                            .edits = {replace_node(verify, "True")}});
    }
    context.report(view.callee,
                   {.message = "Call to " + std::string(library) +
                               " with verify=False disabling SSL certificate checks, security "
                               "issue.",
                    .fixes = std::move(fixes)});
}

} // namespace

extern const Rule request_with_no_cert_validation{
    {
        .code = "B501",
        .name = "request-with-no-cert-validation",
        .bandit_name = "request_with_no_cert_validation",
        .ruff_code = "S501",
        .cwe = 295,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `requests` and `httpx` calls made with `verify=False`: the "
                        "module-level verbs (`get`, `post`, ..., `request`), `httpx.stream`, "
                        "`httpx.Client`/`AsyncClient`, and the verbs of a session or client "
                        "created in the same scope (`s = requests.Session(); s.get(..., "
                        "verify=False)`); also `s.verify = False` on a requests session.",
                .why = "Without certificate verification anyone on the network path can "
                       "impersonate the server and read or change the traffic, credentials "
                       "included: TLS without verification only protects against passive "
                       "eavesdroppers.",
                .example = "```python\nimport requests\n\nrequests.get(url, verify=False)\n```",
                .use_instead =
                    "Keep verification on; for a server with a private CA, pass its bundle:\n\n"
                    "```python\nimport requests\n\nrequests.get(url, verify=\"/etc/ssl/"
                    "internal-ca.pem\")\n```\n\nThe quick fix sets `verify=True`. It is unsafe "
                    "(never applied by fix-all): a host with a self-signed or private-CA "
                    "certificate stops answering until its CA bundle is passed, and only the "
                    "author knows where that is.",
                .references = "- https://requests.readthedocs.io/en/latest/user/advanced/"
                              "#ssl-cert-verification\n"
                              "- https://www.python-httpx.org/advanced/ssl/\n"
                              "- https://cwe.mitre.org/data/definitions/295.html",
                .vs_bandit =
                    "Same functions and message as Bandit, plus: aliases and `from requests "
                    "import get` resolve (Bandit matches the written name's root only); "
                    "`requests.request(...)` is checked (Bandit checks `request` for httpx "
                    "only); calls on a `requests.Session()` / `httpx.Client()` made directly or "
                    "bound once to a name are checked (Bandit sees `.get` with no root), and so "
                    "is `session.verify = False`; and a "
                    "name bound once to `False` counts like the literal. The finding is on the "
                    "callee, not on the `verify=` line.",
            },
    },
    kinds,
    check,
    callee_names,
    markers,
};

} // namespace vigil::analysis::rules

// VG140: an HTTP client asked to fetch a literal http:// URL on a public host.
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/rules/transport/local_hosts.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names); other
// node kinds are not filtered.
constexpr std::string_view callee_names[] = {"get",    "post",    "put",     "patch",
                                             "delete", "head",    "options", "request",
                                             "stream", "urlopen", "Request"};

bool is_verb(std::string_view method) {
    for (std::string_view verb : {"get", "post", "put", "patch", "delete", "head", "options"}) {
        if (method == verb) {
            return true;
        }
    }
    return false;
}

// The URL argument of an HTTP client call, or a null node when the call is not one.
TSNode url_argument(const SemanticModel& model, const CallView& view) {
    const std::string name = model.qualified_name(view.callee);
    for (std::string_view module : {"requests.", "requests.api.", "httpx."}) {
        if (name.starts_with(module) && name.find('.', module.size()) == std::string::npos) {
            const std::string_view function = std::string_view(name).substr(module.size());
            if (is_verb(function)) {
                return view.argument(0, "url");
            }
            if (function == "request" || function == "stream") {
                return view.argument(1, "url");
            }
        }
    }
    if (name == "urllib.request.urlopen" || name == "urllib.request.Request") {
        return view.argument(0, "url");
    }
    if (view.method.empty()) {
        return TSNode{};
    }
    // A session or client: `s = requests.Session()`, `async with aiohttp.ClientSession() as s`.
    const TSNode made_by = bound_call(model, view.receiver);
    if (ts_node_is_null(made_by)) {
        return TSNode{};
    }
    const std::string maker = model.qualified_name(syntax::child_by_field(made_by, "function"));
    if (maker != "requests.Session" && maker != "requests.session" &&
        maker != "requests.sessions.Session" && maker != "httpx.Client" &&
        maker != "httpx.AsyncClient" && maker != "aiohttp.ClientSession") {
        return TSNode{};
    }
    const std::string_view method = view.method;
    if (is_verb(method)) {
        return view.argument(0, "url");
    }
    if (method == "request" || method == "stream") {
        return view.argument(1, "url");
    }
    return TSNode{};
}

// The string literal a URL expression starts with: the string itself, the first part of an
// implicit concatenation or of `+`, or the literal a name is bound to once.
TSNode leading_literal(const SemanticModel& model, TSNode node, int depth = 0) {
    if (ts_node_is_null(node) || depth > 8) {
        return TSNode{};
    }
    const std::string_view type = syntax::node_type(node);
    if (type == "string") {
        return node;
    }
    if (type == "concatenated_string" || type == "parenthesized_expression") {
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            const TSNode inner = syntax::named_child(node, i);
            if (syntax::node_type(inner) != "comment") {
                return leading_literal(model, inner, depth + 1);
            }
        }
        return TSNode{};
    }
    if (type == "binary_operator") {
        const std::string_view op = model.text(syntax::child_by_field(node, "operator"));
        if (op == "+" || op == "%") { // "http://host/" + path, "http://host/%s" % path
            return leading_literal(model, syntax::child_by_field(node, "left"), depth + 1);
        }
    }
    if (type == "call") { // "http://host/{}".format(path)
        const TSNode callee = syntax::child_by_field(node, "function");
        if (model.method_name(callee) == "format") {
            const TSNode object = syntax::child_by_field(callee, "object");
            if (syntax::node_type(object) == "string") {
                return object;
            }
        }
    }
    if (type == "identifier") {
        if (const TSNode value = model.single_value(node); !ts_node_is_null(value)) {
            return leading_literal(model, value, depth + 1);
        }
    }
    return TSNode{};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const TSNode url = url_argument(model, view);
    const TSNode literal = leading_literal(model, url);
    if (ts_node_is_null(literal)) {
        return;
    }
    // The literal's text up to its first interpolation (or its end), after the quote.
    std::size_t start = 0;
    std::size_t end = 0;
    bool interpolated = false;
    for (uint32_t i = 0; i < syntax::child_count(literal); ++i) {
        const TSNode part = syntax::child(literal, i);
        const std::string_view type = syntax::node_type(part);
        if (type == "string_start") {
            start = ts_node_end_byte(part);
            end = start;
        } else if (type == "string_content") {
            end = ts_node_end_byte(part);
        } else {
            interpolated = type == "interpolation";
            break; // an interpolation or the end
        }
    }
    const std::string_view text = model.text().substr(start, end - start);
    if (text.size() < 7) {
        return;
    }
    std::string scheme(text.substr(0, 7));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "http://") {
        return;
    }
    const std::string_view rest = text.substr(7);
    const std::size_t host_end = rest.find_first_of("/?#");
    if (host_end == std::string_view::npos && interpolated) {
        return; // the host goes on in an interpolation: unknown
    }
    std::string_view authority = rest.substr(0, host_end);
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
        authority = authority.substr(at + 1);
    }
    std::string_view host = authority;
    if (!host.empty() && host.front() != '[') {
        host = host.substr(0, host.find(':'));
    }
    if (host.find_first_of("%{}") != std::string_view::npos || is_local_host(std::string(host))) {
        // `"http://%s/" % host`, `"http://{}.x.org".format(a)`: the host is not known
        return;
    }
    context.report(view.callee,
                   {.message = "Request to an http:// URL (" + std::string(host) +
                               "): the request and the response travel unencrypted and can be "
                               "read or changed on the way.",
                    .fixes = {Fix{.title = "Use https://",
                                  .applicability = Applicability::Unsafe,
                                  .edits = {TextEdit{start, start + 7, "https://"}}}}});
}

} // namespace

extern const Rule http_url_without_tls{
    {
        .code = "VG140",
        .name = "http-url-without-tls",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 319,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a literal `http://` URL (a string, an f-string whose host is "
                        "literal, the first part of a concatenation, the format of `%` or "
                        "`.format()`, or a name bound once to one) passed as the URL of `requests` "
                        "and `httpx` calls (`get`, `post`, "
                        "..., `request`, `stream`, also on a `requests.Session()`, "
                        "`httpx.Client()`/`AsyncClient()` or `aiohttp.ClientSession()`), "
                        "`urllib.request.urlopen` and `urllib.request.Request`. Hosts where "
                        "plain HTTP is expected are left alone: `localhost` and `*.localhost`, "
                        "loopback, private and link-local IPv4 addresses (`127.*`, `10.*`, "
                        "`192.168.*`, `172.16-31.*`, `169.254.*`, where cloud metadata "
                        "services answer only over HTTP), IPv6 literals, single-label names "
                        "(`http://db:8080`, services on an internal network), and the reserved "
                        "`*.local`, `*.test`, `*.example`, `*.invalid`, `*.internal`, "
                        "`example.com`/`.org`/`.net`.",
                .why = "Over plain HTTP anyone on the path (public Wi-Fi, a compromised router, "
                       "an ISP) can read the request, including tokens and cookies, and change "
                       "the response: the code then acts on, or runs, what an attacker sent.",
                .example = "```python\nrequests.get(\"http://api.github.com/repos\", "
                           "timeout=10)\n```",
                .use_instead = "```python\nrequests.get(\"https://api.github.com/repos\", "
                               "timeout=10)\n```\n\nThe quick fix (offered, never applied "
                               "automatically: the server must speak HTTPS) changes the scheme "
                               "in the literal.",
                .references = "- https://cwe.mitre.org/data/definitions/319.html\n"
                              "- https://owasp.org/www-project-top-ten/2017/"
                              "A3_2017-Sensitive_Data_Exposure",
                .vs_bandit = "Bandit and ruff have no such check (Bandit's B310 flags "
                             "`urllib.request.urlopen` for every scheme, not for http://).",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

// B113: HTTP requests (requests, httpx) that may wait forever.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/bound_call.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <charconv>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};
// The calls this checks, by the last part of their name (see Rule::callee_names).
constexpr std::string_view callee_names[] = {"get",    "options", "head",       "post",
                                             "put",    "patch",   "delete",     "request",
                                             "stream", "Client",  "AsyncClient"};

constexpr std::array<std::string_view, 8> request_verbs = {"get", "options", "head",   "post",
                                                           "put", "patch",   "delete", "request"};

bool is_verb(std::string_view name) {
    for (std::string_view verb : request_verbs) {
        if (name == verb) {
            return true;
        }
    }
    return false;
}

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

// "requests.get" (also through requests.api), "requests.Session().get" and `s.get` where `s` was
// made by requests.Session(), or "httpx.get", "httpx.Client", ...: which library, else "".
std::string_view library_of(const SemanticModel& model, const CallView& view,
                            const std::string& name) {
    const std::string_view verb = last_part(name);
    if ((name == "requests." + std::string(verb) || name == "requests.api." + std::string(verb)) &&
        is_verb(verb)) {
        return "requests";
    }
    if (name.starts_with("httpx.") && name.find('.', 6) == std::string::npos &&
        (is_verb(verb) || verb == "stream" || verb == "Client" || verb == "AsyncClient")) {
        return "httpx";
    }
    // A requests session has no default timeout either; an httpx client's requests may still
    // say timeout=None.
    if (view.method.empty()) {
        return {};
    }
    const std::string_view method = view.method;
    if (!is_verb(method) && method != "stream") {
        return {};
    }
    const TSNode made_by = bound_call(model, view.receiver);
    if (ts_node_is_null(made_by)) {
        return {};
    }
    const std::string& maker = model.qualified_name(syntax::child_by_field(made_by, "function"));
    if (is_verb(method) && (maker == "requests.Session" || maker == "requests.session" ||
                            maker == "requests.sessions.Session")) {
        return "requests";
    }
    if (maker == "httpx.Client" || maker == "httpx.AsyncClient") {
        return "httpx";
    }
    return {};
}

std::string seconds_text(double seconds) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, seconds);
    return std::string(buffer, result.ptr);
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    const std::string_view library = library_of(model, view, name);
    if (library.empty()) {
        return;
    }
    const std::string shown = name.empty() ? std::string(model.text(view.callee)) : name;
    const std::string timeout = seconds_text(context.options().request_timeout);
    const TSNode value = view.keyword("timeout");
    if (ts_node_is_null(value)) {
        // httpx has a default timeout (5 s); requests waits forever. A **kwargs may carry one.
        if (library != "requests" || view.has_star_kwargs) {
            return;
        }
        std::vector<Fix> fixes;
        if (auto edit = add_argument(view, model.text(), "timeout=" + timeout)) {
            fixes.push_back(Fix{.title = "Add timeout=" + timeout,
                                .applicability = Applicability::Safe,
                                .edits = {std::move(*edit)}});
        }
        context.report(view.callee, {.message = "Call to " + shown + " without timeout",
                                     .fixes = std::move(fixes)});
        return;
    }
    if (syntax::node_type(value) != "none") {
        return;
    }
    // timeout=None was written on purpose: replacing it changes a decision, so only offered.
    context.report(view.callee, {.message = "Call to " + shown + " with timeout set to None",
                                 .fixes = {Fix{.title = "Set timeout=" + timeout,
                                               .applicability = Applicability::Unsafe,
                                               .edits = {replace_node(value, timeout)}}}});
}

} // namespace

extern const Rule request_without_timeout{
    {
        .code = "B113",
        .name = "request-without-timeout",
        .bandit_name = "request_without_timeout",
        .ruff_code = "S113",
        .cwe = 400,
        .severity = Level::Medium,
        .confidence = Level::Low,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `requests` calls (`get`, `post`, `put`, `patch`, `delete`, `head`, "
                        "`options`, `request`, also on a `requests.Session()`) without a "
                        "`timeout=`, and `requests` or `httpx` calls (the same functions, "
                        "`stream`, `Client`, `AsyncClient`, and the requests of an httpx client) "
                        "with `timeout=None`.",
                .why = "`requests` has no default timeout: a server that accepts the connection "
                       "and never answers blocks the calling thread forever, and a few such "
                       "requests exhaust a worker pool (denial of service). `httpx` times out "
                       "after 5 seconds unless told `timeout=None`.",
                .example = "```python\nimport requests\n\nresponse = "
                           "requests.get(\"https://example.com/api\")\n```",
                .use_instead = "```python\nimport requests\n\nresponse = "
                               "requests.get(\"https://example.com/api\", timeout=60)\n```\n\n"
                               "The quick fix adds `timeout=60` (the seconds come from the "
                               "`request-timeout` option in `[tool.vigil.options]`); it is safe "
                               "to apply automatically. Replacing an explicit `timeout=None` is "
                               "only offered.",
                .references =
                    "- https://requests.readthedocs.io/en/latest/user/advanced/#timeouts\n"
                    "- https://www.python-httpx.org/advanced/timeouts/\n"
                    "- https://cwe.mitre.org/data/definitions/400.html",
                .vs_bandit = "Bandit looks at the first and last names of the call only: it flags "
                             "`requests.codes.get(\"ok\")` (not a request) and misses "
                             "`requests.request(...)` and sessions (`requests.Session().get(...)`, "
                             "`s = requests.Session(); s.get(...)`). Vigil matches the request "
                             "functions themselves (also through `requests.api`), flags "
                             "`requests.request`, and flags the verbs called on a "
                             "`requests.Session()`, directly or through a name bound to one by "
                             "assignment or `with ... as`. Bandit reports a call that passes "
                             "`**kwargs` as having no timeout; Vigil does not, since the timeout "
                             "may be in them. Like Bandit, `httpx` calls are reported only for "
                             "`timeout=None`, since httpx has a default; Vigil also sees it on "
                             "the requests of an `httpx.Client()` or `AsyncClient()`.",
            },
    },
    kinds,
    check,
    callee_names,
};

} // namespace vigil::analysis::rules

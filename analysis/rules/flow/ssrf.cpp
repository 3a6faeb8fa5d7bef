// VG305: untrusted data that becomes the URL (or host) of an outgoing request.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B310"};

void check(TSNode, RuleContext& context) {
    flow_rules::report_flows(context, models::SinkKind::Ssrf,
                             "as the URL of a request the server sends");
}

} // namespace

extern const Rule server_side_request_forgery{
    {
        .code = "VG305",
        .name = "server-side-request-forgery",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 918,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags untrusted data that becomes the URL (or host) of an outgoing "
                        "request: `requests`, `httpx`, `urllib.request.urlopen`, "
                        "`aiohttp.request`, `http.client` connections. It follows the data from "
                        "where it enters (see `flow-sources`) through assignments, string "
                        "building, containers and calls, and reports only when it arrives with "
                        "nothing on the way that makes it safe for this use.",
                .why = "The server fetches what the client names: internal services, cloud "
                       "metadata endpoints (`http://169.254.169.254/`), files through `file://`, "
                       "from inside your network.",
                .example = "```python\nurl = request.args[\"url\"]\nreturn requests.get(url, "
                           "timeout=10).text\n```",
                .use_instead =
                    "Fetch only from hosts you allow: parse the URL and check its scheme and host "
                    "against a fixed list before the request:\n\n```python\nparts = "
                    "urllib.parse.urlparse(url)\nif parts.scheme != \"https\" or parts.netloc not "
                    "in ALLOWED_HOSTS:\n    abort(400)\n```",
                .references =
                    "- https://owasp.org/www-community/attacks/Server_Side_Request_Forgery\n- "
                    "https://cwe.mitre.org/data/definitions/918.html\n",
                .vs_bandit = "Bandit judges each call by its shape and cannot tell request data "
                             "from a constant; this rule follows the data, so it finds the flaw "
                             "where the value was built elsewhere and stays quiet on constants.",
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    check,
};

} // namespace vigil::analysis::rules

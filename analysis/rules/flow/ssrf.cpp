// VG305: untrusted data that becomes the URL (or host) of an outgoing request.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

namespace {

// The shape rules that flag the same call without knowing where its data came from.
constexpr std::string_view supersedes[] = {"B310"};

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
                .vs_bandit = flow_rules::vs_bandit,
            },
        .supersedes = supersedes,
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

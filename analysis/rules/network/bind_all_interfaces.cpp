// B104: "0.0.0.0" or "::" used as the address a server binds to.
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"string"};

// The addresses this checks for, which the file must then contain as written.
constexpr std::string_view markers[] = {"0.0.0.0", "::"};

std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

// A name that holds an address to listen on: host, HOST, bind_address, listen_addr, server_ip...
bool is_host_like(std::string_view name) {
    const std::string text = lower(name);
    for (std::string_view word : {"host", "bind", "listen", "addr", "interface", "iface"}) {
        if (text.find(word) != std::string::npos) {
            return true;
        }
    }
    // "ip" and "server" only as whole words: not "zip", "recipe", "observer".
    for (std::string_view word : {"ip", "server"}) {
        for (std::size_t at = text.find(word); at != std::string::npos;
             at = text.find(word, at + 1)) {
            const bool starts = at == 0 || text[at - 1] == '_';
            const std::size_t end = at + word.size();
            const bool ends = end == text.size() || text[end] == '_';
            if (starts && ends) {
                return true;
            }
        }
    }
    return false;
}

// Calls that take an address without binding to it: string methods, logging, printing,
// parsing into ipaddress objects, test assertions, container methods.
bool takes_address_as_data(std::string_view callee) {
    static constexpr std::array<std::string_view, 45> names = {
        "replace",        "startswith",   "endswith",     "find",        "rfind",
        "index",          "rindex",       "count",        "split",       "rsplit",
        "partition",      "rpartition",   "strip",        "lstrip",      "rstrip",
        "removeprefix",   "removesuffix", "join",         "format",      "print",
        "debug",          "info",         "warning",      "warn",        "error",
        "exception",      "critical",     "log",          "echo",        "write",
        "ip_address",     "ip_network",   "ip_interface", "IPv4Address", "IPv6Address",
        "IPv4Network",    "IPv6Network",  "inet_aton",    "inet_pton",   "assertEqual",
        "assertNotEqual", "assertIn",     "append",       "add",         "remove"};
    const std::string_view last = callee.substr(callee.rfind('.') + 1);
    return std::find(names.begin(), names.end(), last) != names.end();
}

// The name an assignment target ends in: `HOST`, `self.host`, `config["host"]`.
std::optional<std::string> target_name(const SemanticModel& model, TSNode target) {
    const std::string_view type = syntax::node_type(target);
    if (type == "identifier") {
        return std::string(model.text(target));
    }
    if (type == "attribute") {
        return std::string(model.text(syntax::child_by_field(target, "attribute")));
    }
    if (type == "subscript") {
        return model.string_value(syntax::child_by_field(target, "subscript"));
    }
    return std::nullopt;
}

// Where a literal address is used as one to bind to, a description of that use; nullopt when it
// is data (compared, logged, parsed, stored in a list).
std::optional<std::string> bind_use(const SemanticModel& model, TSNode literal) {
    TSNode value = literal;
    TSNode parent = syntax::parent(value);
    // ("0.0.0.0", 8000): a socket address, as its first element.
    if (!ts_node_is_null(parent) && syntax::node_type(parent) == "tuple") {
        if (!ts_node_eq(syntax::named_child(parent, 0), value)) {
            return std::nullopt;
        }
        value = parent;
        parent = syntax::parent(value);
    }
    if (ts_node_is_null(parent)) {
        return std::nullopt;
    }
    const std::string_view type = syntax::node_type(parent);
    if (type == "keyword_argument" || type == "argument_list") {
        const TSNode list = type == "keyword_argument" ? syntax::parent(parent) : parent;
        const TSNode call = ts_node_is_null(list) ? list : syntax::parent(list);
        if (ts_node_is_null(call) || syntax::node_type(call) != "call") {
            return std::nullopt;
        }
        const TSNode callee = syntax::child_by_field(call, "function");
        std::string name = model.qualified_name(callee);
        if (name.empty()) {
            name = std::string(model.text(callee));
        }
        if (takes_address_as_data(name)) {
            return std::nullopt;
        }
        if (type == "keyword_argument") {
            return "passed as " + std::string(model.text(syntax::child_by_field(parent, "name"))) +
                   "= to " + name;
        }
        return "passed to " + name;
    }
    if (type == "assignment" && ts_node_eq(syntax::child_by_field(parent, "right"), value)) {
        const auto name = target_name(model, syntax::child_by_field(parent, "left"));
        if (name && is_host_like(*name)) {
            return "assigned to " + *name;
        }
        return std::nullopt;
    }
    if (type == "pair" && ts_node_eq(syntax::child_by_field(parent, "value"), value)) {
        const auto key = model.string_value(syntax::child_by_field(parent, "key"));
        if (key && is_host_like(*key)) {
            return "as the value of \"" + *key + "\"";
        }
        return std::nullopt;
    }
    if (type == "default_parameter" || type == "typed_default_parameter") {
        const std::string_view name = model.text(syntax::child_by_field(parent, "name"));
        if (is_host_like(name)) {
            return "as the default of " + std::string(name);
        }
    }
    return std::nullopt;
}

void check(TSNode string, RuleContext& context) {
    const SemanticModel& model = context.model();
    const std::string_view source = model.text(string);
    // Cheap test first: this runs on every string literal.
    if (source.find("0.0.0.0") == std::string_view::npos &&
        source.find("::") == std::string_view::npos) {
        return;
    }
    const auto value = string_literal_value(string, model.text());
    if (!value || (*value != "0.0.0.0" && *value != "::")) {
        return;
    }
    const auto use = bind_use(model, string);
    if (!use) {
        return;
    }
    const bool ipv6 = *value == "::";
    const std::string loopback = ipv6 ? "::1" : "127.0.0.1";
    std::string replacement(source);
    const std::size_t at = replacement.rfind(*value);
    replacement.replace(at, value->size(), loopback);
    context.report(string,
                   {.message = "Possible binding to all interfaces: \"" + *value + "\" " + *use,
                    .fixes = {Fix{.title = "Bind to the loopback address " + loopback,
                                  .applicability = Applicability::Unsafe,
                                  .edits = {replace_node(string, replacement)}}}});
}

} // namespace

extern const Rule bind_all_interfaces{
    {
        .code = "B104",
        .name = "hardcoded-bind-all-interfaces",
        .bandit_name = "hardcoded_bind_all_interfaces",
        .ruff_code = "S104",
        .cwe = 605,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags the literal addresses `\"0.0.0.0\"` and `\"::\"` where they are "
                        "used as an address to bind to: an argument of a call (also as the first "
                        "element of an `(address, port)` tuple), a keyword argument (except for "
                        "string methods, logging, `print` and `ipaddress` parsing), the value "
                        "assigned to a host-like name (`HOST`, `self.bind_address`, "
                        "`config[\"listen_ip\"]`), a host-like key of a dict, or the default of a "
                        "host-like parameter.",
                .why = "Binding to all interfaces exposes the service on every network the "
                       "machine is attached to, including public ones, when it was probably "
                       "meant for local use or for one interface.",
                .example = "```python\napp.run(host=\"0.0.0.0\", port=8000)\n```",
                .use_instead = "Bind to the loopback address, or to the one interface the "
                               "service is for, preferably from configuration:\n\n```python\n"
                               "app.run(host=\"127.0.0.1\", port=8000)\n```\n\nThe quick fix "
                               "(offered, never applied automatically: in a container, "
                               "all interfaces may be intended) writes `127.0.0.1`, or `::1` for "
                               "`::`.",
                .references = "- https://docs.python.org/3/library/socket.html#socket.socket.bind\n"
                              "- https://cwe.mitre.org/data/definitions/605.html",
                .vs_bandit =
                    "Bandit flags every string constant equal to `\"0.0.0.0\"` wherever "
                    "it appears, including comparisons (`if host == \"0.0.0.0\":`), "
                    "`url.replace(\"0.0.0.0\", \"localhost\")`, log messages and "
                    "`ipaddress` parsing; Vigil flags it only where it is used as a bind "
                    "address (see above) and leaves data alone. The price: an address kept "
                    "under a name that does not look like a host (`DEFAULT = \"0.0.0.0\"`), "
                    "returned from a function or put in a list is not flagged where it is "
                    "written. Vigil also flags `\"::\"`, the IPv6 all-interfaces address, "
                    "which Bandit misses.",
            },
    },
    kinds,
    check,
    {},
    markers,
};

} // namespace vigil::analysis::rules

// B502 / B503 / B504: SSL/TLS protocol versions (one family: the bad-version list is shared).
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view call_kinds[] = {"call"};
constexpr std::string_view definition_kinds[] = {"function_definition", "lambda"};
constexpr std::string_view wrap_socket[] = {"wrap_socket"}; // B504's one callee, by last part

std::string_view last_part(std::string_view name) {
    return name.substr(name.rfind('.') + 1);
}

bool in_list(const std::vector<std::string>& list, std::string_view name) {
    return std::find(list.begin(), list.end(), name) != list.end();
}

// The protocol constant an expression names, as Bandit reads it: an attribute's last part
// (`ssl.PROTOCOL_SSLv2`, `SSL.TLSv1_METHOD`) or a bare name (the imported one, through an
// alias); empty for anything else.
std::string_view constant_name(const SemanticModel& model, TSNode value) {
    const std::string_view type = syntax::node_type(value);
    if (type == "attribute") {
        return model.text(syntax::child_by_field(value, "attribute"));
    }
    if (type == "identifier") {
        // Through an import alias: `from ssl import PROTOCOL_SSLv3 as OLD`.
        const Binding* binding = model.resolve(value);
        if (binding && binding->kind == Binding::Kind::Import) {
            return last_part(binding->qualified);
        }
        return model.text(value);
    }
    return {};
}

// ssl.PROTOCOL_TLSv1 -> ssl.PROTOCOL_TLS_CLIENT (or _SERVER), written the way the constant was
// (`s.PROTOCOL_TLSv1` keeps the alias `s`; a bare imported name becomes `ssl.` + import).
std::optional<Fix> protocol_fix(const SemanticModel& model, TSNode constant,
                                std::string_view replacement) {
    const std::string& qualified = model.qualified_name(constant);
    if (!qualified.starts_with("ssl.PROTOCOL_")) {
        return std::nullopt; // OpenSSL's *_METHOD constants, or not the ssl module's
    }
    Fix fix{.title = "Use ssl." + std::string(replacement),
            .applicability = Applicability::Unsafe,
            .edits = {}};
    if (syntax::node_type(constant) == "attribute") {
        fix.edits.push_back(
            replace_node(syntax::child_by_field(constant, "attribute"), std::string(replacement)));
    } else {
        fix.edits.push_back(replace_node(constant, "ssl." + std::string(replacement)));
        if (auto import = add_import(model, model.root(), "ssl")) {
            fix.edits.push_back(std::move(*import));
        }
    }
    return fix;
}

bool truthy(const SemanticModel& model, TSNode value) {
    return !ts_node_is_null(value) && model.literal_truth(value).value_or(false);
}

void check_bad_version(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    const auto& bad = context.options().bad_protocol_versions;

    TSNode constant{};
    std::string label;
    bool high = true;
    bool server_side = false;
    if (name == "ssl.wrap_socket") {
        constant = view.argument(5, "ssl_version");
        label = "ssl.wrap_socket";
        server_side = truthy(model, view.argument(3, "server_side"));
    } else if (name == "ssl.SSLContext") {
        constant = view.argument(0, "protocol");
        label = "ssl.SSLContext";
    } else if (name == "OpenSSL.SSL.Context" || name == "pyOpenSSL.SSL.Context") {
        constant = view.argument(0, "method");
        label = "SSL.Context";
    } else {
        constant = view.keyword("ssl_version");
        if (ts_node_is_null(constant) || !in_list(bad, constant_name(model, constant))) {
            constant = view.keyword("method");
        }
        high = false;
        server_side = truthy(model, view.keyword("server_side"));
    }
    if (ts_node_is_null(constant) || !in_list(bad, constant_name(model, constant))) {
        return;
    }
    std::vector<Fix> fixes;
    // ssl.wrap_socket sets verify_mode to CERT_NONE by default and never passes a server name,
    // both of which a PROTOCOL_TLS_CLIENT context refuses: there, PROTOCOL_TLS negotiates the
    // best version without changing anything else.
    const std::string_view replacement = server_side                 ? "PROTOCOL_TLS_SERVER"
                                         : name == "ssl.wrap_socket" ? "PROTOCOL_TLS"
                                                                     : "PROTOCOL_TLS_CLIENT";
    if (auto fix = protocol_fix(model, constant, replacement)) {
        fixes.push_back(std::move(*fix));
    }
    if (high) {
        context.report(view.callee,
                       {.message = label + " call with insecure SSL/TLS protocol version (" +
                                   std::string(constant_name(model, constant)) +
                                   ") identified, security issue.",
                        .fixes = std::move(fixes)});
    } else {
        context.report(view.callee, {.message = "Function call with insecure SSL/TLS protocol (" +
                                                std::string(constant_name(model, constant)) +
                                                ") identified, possible security issue.",
                                     .severity = Level::Medium,
                                     .confidence = Level::Medium,
                                     .fixes = std::move(fixes)});
    }
}

void check_bad_defaults(TSNode definition, RuleContext& context) {
    const SemanticModel& model = context.model();
    const TSNode parameters = syntax::child_by_field(definition, "parameters");
    if (ts_node_is_null(parameters)) {
        return;
    }
    const auto& bad = context.options().bad_protocol_versions;
    const uint32_t count = syntax::named_child_count(parameters);
    for (uint32_t i = 0; i < count; ++i) {
        const TSNode parameter = syntax::named_child(parameters, i);
        const std::string_view type = syntax::node_type(parameter);
        if (type != "default_parameter" && type != "typed_default_parameter") {
            continue;
        }
        const TSNode value = syntax::child_by_field(parameter, "value");
        const std::string_view value_type = syntax::node_type(value);
        bool matches = false;
        if (value_type == "attribute") {
            matches = in_list(bad, constant_name(model, value));
        } else if (value_type == "identifier") {
            // A bare name only when it is the imported constant (`from ssl import PROTOCOL_SSLv3`).
            const Binding* binding = model.resolve(value);
            matches = binding && binding->kind == Binding::Kind::Import &&
                      in_list(bad, last_part(binding->qualified));
        }
        if (matches) {
            context.report(value, {.message = "Function definition identified with insecure "
                                              "SSL/TLS protocol version by default (" +
                                              std::string(constant_name(model, value)) +
                                              "), possible security issue."});
        }
    }
}

void check_no_version(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    if (model.qualified_name(view.callee) != "ssl.wrap_socket") {
        return;
    }
    if (!ts_node_is_null(view.argument(5, "ssl_version")) || view.has_star_args ||
        view.has_star_kwargs) {
        return;
    }
    context.report(view.callee, {.message = "ssl.wrap_socket call with no SSL/TLS protocol version "
                                            "specified, the default SSLv23 could be insecure, "
                                            "possible security issue."});
}

} // namespace

extern const Rule ssl_with_bad_version{
    {
        .code = "B502",
        .name = "ssl-with-bad-version",
        .bandit_name = "ssl_with_bad_version",
        .ruff_code = "S502",
        .cwe = 327,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what =
                    "Flags calls that ask for an insecure SSL/TLS protocol version: "
                    "`ssl.wrap_socket(ssl_version=...)`, `ssl.SSLContext(...)` and "
                    "`OpenSSL.SSL.Context(...)` (HIGH), and any other call with an insecure "
                    "`ssl_version=` or `method=` keyword (MEDIUM). The insecure versions are "
                    "configurable (`bad-protocol-versions`, or Bandit's "
                    "`ssl_with_bad_version.bad_protocol_versions`); by default `PROTOCOL_SSLv2`, "
                    "`SSLv2_METHOD`, `SSLv23_METHOD`, `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, "
                    "`SSLv3_METHOD`, `TLSv1_METHOD`, `PROTOCOL_TLSv1_1`, `TLSv1_1_METHOD`.",
                .why = "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have practical attacks (DROWN, "
                       "POODLE, BEAST) and are deprecated (RFC 8996); pinning a connection to one "
                       "of them also prevents negotiating a better one.",
                .example = "```python\nimport ssl\n\ncontext = ssl.SSLContext(ssl.PROTOCOL_TLSv1)\n"
                           "```",
                .use_instead =
                    "Let the library negotiate the best version:\n\n```python\nimport ssl\n\n"
                    "context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # or "
                    "ssl.create_default_context()\n```\n\nThe quick fix replaces an "
                    "`ssl.PROTOCOL_*` constant with `PROTOCOL_TLS_CLIENT`, or "
                    "`PROTOCOL_TLS_SERVER` when the call says `server_side=True`. For "
                    "`ssl.wrap_socket` on the client side it uses `PROTOCOL_TLS`: `wrap_socket` "
                    "sets `verify_mode=CERT_NONE` by default and passes no server name, both of "
                    "which a `PROTOCOL_TLS_CLIENT` context rejects with `ValueError`. The fix is "
                    "unsafe (offered, never applied by fix-all): a client context also verifies "
                    "certificates and host names, and peers that only speak the old version stop "
                    "connecting. OpenSSL's `*_METHOD` constants get no fix.",
                .references = "- https://docs.python.org/3/library/ssl.html#ssl-security\n"
                              "- https://www.rfc-editor.org/rfc/rfc8996\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit =
                    "Bandit reads only the keywords: Vigil also reads the version given by "
                    "position (`ssl.SSLContext(ssl.PROTOCOL_TLSv1)`, "
                    "`SSL.Context(SSL.TLSv1_METHOD)`, "
                    "`wrap_socket`'s sixth argument) and `ssl.SSLContext(protocol=...)`, which "
                    "Bandit never checks. `OpenSSL.SSL.Context` (the real module, however "
                    "imported) is HIGH, where Bandit only gives HIGH to a module named "
                    "`pyOpenSSL`. `ssl.SSLContext` with a bad version is HIGH too. Messages "
                    "name the constant. The finding is on the callee, not on the keyword's line.",
            },
    },
    call_kinds,
    check_bad_version,
};

extern const Rule ssl_with_bad_defaults{
    {
        .code = "B503",
        .name = "ssl-with-bad-defaults",
        .bandit_name = "ssl_with_bad_defaults",
        .ruff_code = "S503",
        .cwe = 327,
        .severity = Level::Medium,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags function parameters whose default is an insecure SSL/TLS protocol "
                        "constant (the list B502 uses), such as `def connect(host, "
                        "version=ssl.PROTOCOL_TLSv1)`.",
                .why = "Every caller that does not pass a version gets a broken protocol (SSL 2.0/"
                       "3.0, TLS 1.0/1.1), silently.",
                .example =
                    "```python\nimport ssl\n\ndef connect(sock, version=ssl.PROTOCOL_SSLv3):\n"
                    "    return ssl.SSLContext(version).wrap_socket(sock)\n```",
                .use_instead = "```python\nimport ssl\n\ndef connect(sock, "
                               "version=ssl.PROTOCOL_TLS_CLIENT):\n    ...\n```\n\nThere is no "
                               "quick fix: the right constant depends on where the default goes "
                               "(`PROTOCOL_TLS_CLIENT` for an `SSLContext`, `PROTOCOL_TLS` for "
                               "`ssl.wrap_socket`, `PROTOCOL_TLS_SERVER` for a server), which "
                               "the definition does not say.",
                .references = "- https://docs.python.org/3/library/ssl.html#ssl-security\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit = "Bandit checks only positional parameters of plain `def`s, and only "
                             "attribute defaults (`ssl.PROTOCOL_SSLv2`). Vigil also checks "
                             "keyword-only parameters, `async def`, lambdas, and a bare name when "
                             "it is the imported constant (`from ssl import PROTOCOL_SSLv2`). "
                             "The finding is on the default value; the message names it.",
            },
    },
    definition_kinds,
    check_bad_defaults,
};

extern const Rule ssl_with_no_version{
    {
        .code = "B504",
        .name = "ssl-with-no-version",
        .bandit_name = "ssl_with_no_version",
        .ruff_code = "S504",
        .cwe = 327,
        .severity = Level::Low,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags `ssl.wrap_socket(...)` called without a protocol version.",
                .why = "`ssl.wrap_socket` was deprecated in Python 3.7 and removed in 3.12: it "
                       "does not check certificates or host names by default, and without a "
                       "version its protocol depends on the Python and OpenSSL at hand (SSLv23 "
                       "on old ones, which allows SSL 3.0).",
                .example = "```python\nimport ssl\n\ntls = ssl.wrap_socket(sock)\n```",
                .use_instead = "A context that verifies the server:\n\n```python\nimport ssl\n\n"
                               "context = ssl.create_default_context()\ntls = "
                               "context.wrap_socket(sock, server_hostname=host)\n```\n\nThere is "
                               "no quick fix: moving to `SSLContext.wrap_socket` needs the "
                               "server's host name, and naming a version in `wrap_socket` keeps "
                               "the unverified connection.",
                .references = "- https://docs.python.org/3/library/ssl.html#ssl-security\n"
                              "- https://cwe.mitre.org/data/definitions/327.html",
                .vs_bandit = "Bandit sees only the `ssl_version=` keyword, so a version passed "
                             "as the sixth positional argument is still reported; Vigil accepts "
                             "it, and says nothing when `*args`/`**kwargs` may carry it. Aliases "
                             "resolve.",
            },
    },
    call_kinds,
    check_no_version,
    wrap_socket,
};

} // namespace vigil::analysis::rules

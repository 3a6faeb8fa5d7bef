// VG201: well-known token formats (cloud keys, API tokens, private keys, JWTs, URLs with a
// password) in string literals. Hand-written scanners: each format has a fixed prefix, so one
// pass over the literal finds them without a regex engine.
#include "analysis/rule_context.hpp"
#include "analysis/rules/secrets/secret_words.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

using secrets::has_placeholder_word;
using secrets::is_placeholder;

constexpr std::string_view kinds[] = {"string", "concatenated_string"};

struct TokenMatch {
    std::string_view kind;
    Level confidence = Level::High;
};

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_upper_alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_base64url(char c) {
    return is_alnum(c) || c == '-' || c == '_';
}

// Characters of `text` from `at` satisfying `accept`.
template <typename Accept>
std::size_t run_length(std::string_view text, std::size_t at, Accept accept) {
    std::size_t end = at;
    while (end < text.size() && accept(text[end])) {
        ++end;
    }
    return end - at;
}

bool starts_at(std::string_view text, std::size_t at, std::string_view prefix) {
    return text.substr(at, prefix.size()) == prefix;
}

// A token body is fake when it says so (EXAMPLE, fake, test...) or repeats one character.
bool fake(std::string_view body) {
    return is_placeholder(body);
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        int value = -1;
        if (c >= 'A' && c <= 'Z') {
            value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
            value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
            value = c - '0' + 52;
        } else if (c == '-' || c == '+') {
            value = 62;
        } else if (c == '_' || c == '/') {
            value = 63;
        } else if (c == '=') {
            break;
        } else {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

// header.payload.signature, the header JSON with "alg"; fixtures (jwt.io's sample, payloads that
// say test/example/fake) are not secrets.
std::optional<TokenMatch> jwt_at(std::string_view text, std::size_t at) {
    if (at > 0 && (is_base64url(text[at - 1]) || text[at - 1] == '.')) {
        return std::nullopt;
    }
    const std::size_t header = run_length(text, at, is_base64url);
    if (header < 10 || at + header >= text.size() || text[at + header] != '.') {
        return std::nullopt;
    }
    const std::size_t payload_at = at + header + 1;
    const std::size_t payload = run_length(text, payload_at, is_base64url);
    if (payload < 10 || payload_at + payload >= text.size() || text[payload_at + payload] != '.') {
        return std::nullopt;
    }
    const std::size_t signature_at = payload_at + payload + 1;
    const std::size_t signature = run_length(text, signature_at, is_base64url);
    if (signature < 16) {
        return std::nullopt;
    }
    const auto header_json = base64url_decode(text.substr(at, header));
    const auto payload_json = base64url_decode(text.substr(payload_at, payload));
    if (!header_json || header_json->find("\"alg\"") == std::string::npos || !payload_json ||
        has_placeholder_word(*payload_json) ||
        payload_json->find("John Doe") != std::string::npos) {
        return std::nullopt;
    }
    return TokenMatch{"JSON Web Token", Level::Medium};
}

// -----BEGIN [RSA |EC |DSA |OPENSSH |ENCRYPTED ]PRIVATE KEY----- followed by a key body (not just
// the marker a parser looks for, nor "...").
std::optional<TokenMatch> private_key_at(std::string_view text, std::size_t at) {
    const std::size_t line_end = std::min(text.find('\n', at), text.find("\\n", at));
    const std::size_t marker = text.find("PRIVATE KEY-----", at);
    if (marker == std::string_view::npos || marker > line_end || marker - at > 40) {
        return std::nullopt;
    }
    std::size_t body = 0;
    for (std::size_t i = marker + 16; i < text.size() && text[i] != '-'; ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 'r')) {
            ++i;
        } else if (is_alnum(c) || c == '+' || c == '/' || c == '=') {
            ++body;
        } else if (c == ':' || c == ',') {
            // Proc-Type: 4,ENCRYPTED headers
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
    }
    if (body < 64) {
        return std::nullopt;
    }
    return TokenMatch{"private key"};
}

bool local_host(std::string_view host) {
    const std::size_t colon = host.rfind(':');
    if (colon != std::string_view::npos && host.find(']') == std::string_view::npos) {
        host = host.substr(0, colon);
    }
    return host.empty() || host == "localhost" || host.substr(0, 4) == "127." || host == "[::1]" ||
           host == "0.0.0.0" || host.find("example") != std::string_view::npos || host == "host" ||
           host == "hostname";
}

// scheme://user:password@host, unless the password is a placeholder or template, equals the
// user name (postgres:postgres), or the host is this machine or an example.
std::optional<TokenMatch> url_password_at(std::string_view text, std::size_t at) {
    // `at` is the position of "://".
    std::size_t scheme_start = at;
    while (scheme_start > 0 && (is_alnum(text[scheme_start - 1]) || text[scheme_start - 1] == '+' ||
                                text[scheme_start - 1] == '-' || text[scheme_start - 1] == '.')) {
        --scheme_start;
    }
    if (scheme_start == at) {
        return std::nullopt;
    }
    const std::size_t authority_at = at + 3;
    std::size_t end = authority_at;
    while (end < text.size() &&
           std::string_view("/?#\"' \t\n\\").find(text[end]) == std::string_view::npos) {
        ++end;
    }
    const std::string_view authority = text.substr(authority_at, end - authority_at);
    const std::size_t at_sign = authority.rfind('@');
    if (at_sign == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view userinfo = authority.substr(0, at_sign);
    if (const std::size_t comma = userinfo.rfind(','); comma != std::string_view::npos) {
        userinfo.remove_prefix(comma + 1); // several hosts: host1:port,user:password@host2
    }
    const std::size_t colon = userinfo.find(':');
    if (colon == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view user = userinfo.substr(0, colon);
    const std::string_view password = userinfo.substr(colon + 1);
    std::string lower(password);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    // Words of documentation and tutorials, not passwords.
    static constexpr std::string_view generic[] = {
        "password", "passwd",   "pass",   "pwd",     "pw",     "secret",   "pass123",  "p",
        "x",        "token",    "apikey", "api_key", "key",    "user",     "admin",    "foo",
        "bar",      "baz",      "qux",    "hunter2", "123456", "12345678", "abc123",   "letmein",
        "p4ssw0rd", "passw0rd", "s3cr3t", "root",    "guest",  "pass1234", "password1"};
    if (is_placeholder(password) || password == user ||
        std::find(std::begin(generic), std::end(generic), lower) != std::end(generic) ||
        local_host(authority.substr(at_sign + 1))) {
        return std::nullopt;
    }
    return TokenMatch{"URL with an embedded password", Level::Medium};
}

} // namespace

namespace secrets {

// The first characters of the formats below: scan() passes over every other byte with one table
// lookup (it runs over every string of every file).
constexpr std::array<bool, 256> token_starts = [] {
    std::array<bool, 256> starts{};
    for (const unsigned char c : std::string_view("Agxsr-e:")) {
        starts[c] = true;
    }
    return starts;
}();

static std::optional<TokenMatch> scan(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!token_starts[static_cast<unsigned char>(c)]) {
            continue;
        }
        // Every format below starts with one of these prefixes: skip the rest at once, with as
        // few comparisons as the letter needs (e, s and r are common).
        const std::string_view rest = text.substr(i);
        bool candidate = false;
        switch (c) {
        case 'A':
            candidate =
                rest.starts_with("AKIA") || rest.starts_with("ASIA") || rest.starts_with("AIza");
            break;
        case 'g':
            candidate = rest.starts_with("gh") || rest.starts_with("github_pat_") ||
                        rest.starts_with("glpat-");
            break;
        case 'x':
            candidate = rest.starts_with("xox");
            break;
        case 's':
        case 'r':
            candidate = rest.substr(1).starts_with("k_live_");
            break;
        case '-':
            candidate = rest.starts_with("-----BEGIN ");
            break;
        case 'e':
            candidate = rest.starts_with("eyJ");
            break;
        case ':':
            candidate = rest.starts_with("://");
            break;
        default:
            break;
        }
        if (!candidate) {
            continue;
        }
        const bool boundary = i == 0 || !(is_alnum(text[i - 1]) || text[i - 1] == '_');
        if (boundary && (starts_at(text, i, "AKIA") || starts_at(text, i, "ASIA")) &&
            run_length(text, i + 4, is_upper_alnum) == 16 && !fake(text.substr(i + 4, 16))) {
            return TokenMatch{"AWS access key id"};
        }
        if (boundary && c == 'g' && starts_at(text, i, "gh") && i + 4 <= text.size() &&
            std::string_view("pousr").find(text[i + 2]) != std::string_view::npos &&
            text[i + 3] == '_' && run_length(text, i + 4, is_alnum) >= 36 &&
            !fake(text.substr(i + 4, 36))) {
            return TokenMatch{"GitHub token"};
        }
        if (boundary && starts_at(text, i, "github_pat_")) {
            const std::size_t length =
                run_length(text, i + 11, [](char x) { return is_alnum(x) || x == '_'; });
            if (length >= 50 && !fake(text.substr(i + 11, length))) {
                return TokenMatch{"GitHub token"};
            }
        }
        if (boundary && starts_at(text, i, "glpat-")) {
            const std::size_t length = run_length(text, i + 6, is_base64url);
            if (length >= 20 && !fake(text.substr(i + 6, length))) {
                return TokenMatch{"GitLab token"};
            }
        }
        if (boundary && starts_at(text, i, "xox") && i + 5 < text.size() &&
            std::string_view("baprs").find(text[i + 3]) != std::string_view::npos &&
            text[i + 4] == '-' && std::isdigit(static_cast<unsigned char>(text[i + 5]))) {
            const std::size_t length = run_length(text, i + 5, is_base64url);
            if (length >= 20 && !fake(text.substr(i + 5, length))) {
                return TokenMatch{"Slack token"};
            }
        }
        if (boundary && (starts_at(text, i, "sk_live_") || starts_at(text, i, "rk_live_"))) {
            const std::size_t length = run_length(text, i + 8, is_alnum);
            if (length >= 24 && !fake(text.substr(i + 8, length))) {
                return TokenMatch{"Stripe live key"};
            }
        }
        if (boundary && starts_at(text, i, "AIza") && run_length(text, i + 4, is_base64url) == 35 &&
            !fake(text.substr(i + 4, 35))) {
            return TokenMatch{"Google API key"};
        }
        if (c == '-' && starts_at(text, i, "-----BEGIN ")) {
            if (auto match = private_key_at(text, i)) {
                return match;
            }
        }
        if (c == 'e' && starts_at(text, i, "eyJ")) {
            if (auto match = jwt_at(text, i)) {
                return match;
            }
        }
        if (c == ':' && starts_at(text, i, "://")) {
            if (auto match = url_password_at(text, i)) {
                return match;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> known_token_kind(std::string_view text) {
    if (auto match = scan(text)) {
        return match->kind;
    }
    return std::nullopt;
}

} // namespace secrets

namespace {

// The source text of a string's literal parts (interpolations become a space): for a plain
// string, its body as written, without a copy; otherwise built in `scratch`.
std::string_view content_of(TSNode string, std::string_view source, std::string& scratch) {
    if (const auto plain = syntax::plain_string(string, source)) {
        return plain->body; // no interpolation: the one content part, escapes as written
    }
    scratch.clear();
    for (uint32_t i = 0; i < syntax::child_count(string); ++i) {
        const TSNode part = syntax::child(string, i);
        const std::string_view type = syntax::node_type(part);
        if (type == "string_content") {
            scratch += syntax::node_text(part, source);
        } else if (type == "interpolation") {
            scratch += ' ';
        }
    }
    return scratch;
}

// Each literal is scanned on its own; a concatenation ("-----BEGIN ...-----\n" "MIIE...")
// is scanned joined only when none of its parts matched alone (which reported already). No
// parent lookups: tree-sitter finds a node's parent by walking down from the root.
void check(TSNode node, RuleContext& context) {
    const std::string_view source = context.model().text();
    std::optional<TokenMatch> content_match;
    std::string scratch;
    if (syntax::node_type(node) == "string") {
        content_match = secrets::scan(content_of(node, source, scratch));
    } else {
        std::string content;
        for (uint32_t i = 0; i < syntax::named_child_count(node); ++i) {
            const TSNode part = syntax::named_child(node, i);
            if (syntax::node_type(part) != "string") {
                continue;
            }
            const std::string_view own = content_of(part, source, scratch);
            if (secrets::scan(own)) {
                return;
            }
            content += own;
        }
        content_match = secrets::scan(content);
    }
    if (const auto& match = content_match) {
        context.report(node,
                       {.message = "Hardcoded " + std::string(match->kind) + " in a string literal",
                        .confidence = match->confidence});
    }
}

} // namespace

extern const Rule secret_token_in_literal{
    {
        .code = "VG201",
        .name = "secret-token-in-literal",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 798,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags string literals holding a credential in a well-known format: AWS "
                    "access key ids (`AKIA`/`ASIA`), GitHub tokens (`ghp_`, `gho_`, `ghu_`, "
                    "`ghs_`, `ghr_`, `github_pat_`), GitLab tokens (`glpat-`), Slack tokens "
                    "(`xoxb-`...), Stripe live keys (`sk_live_`, `rk_live_`), Google API keys "
                    "(`AIza`), PEM private key blocks, JSON Web Tokens, and URLs with a password "
                    "(`scheme://user:password@host`). Placeholders are left alone: values that "
                    "say `EXAMPLE`, `fake`, `dummy`, `test`, `xxxx`, `changeme`, masks (`***`), "
                    "templates (`{password}`, `%s`, `$VAR`, `<token>`), URLs to localhost or an "
                    "example host, and jwt.io's sample token. The message names the kind of "
                    "credential, never its value.",
                .why = "A credential in source code is in every clone, fork, package and backup "
                       "of it, and in the history after it is removed: anyone who reads the code "
                       "can use it. Leaked cloud and API keys are found and abused by scanners "
                       "within minutes of a push.",
                .example = "```python\nclient = boto3.client(\n    \"s3\",\n"
                           "    aws_access_key_id=\"AKIA2OGYBAH6QWERTY7Z\",\n)\n```",
                .use_instead = "Read credentials from the environment or a secret store, and "
                               "revoke the leaked one:\n\n```python\nimport os\n\n"
                               "client = boto3.client(\n    \"s3\",\n"
                               "    aws_access_key_id=os.environ[\"AWS_ACCESS_KEY_ID\"],\n)\n```",
                .references = "- https://cwe.mitre.org/data/definitions/798.html\n"
                              "- https://docs.github.com/en/code-security/secret-scanning\n"
                              "- https://owasp.org/Top10/A07_2021-Identification_and_"
                              "Authentication_Failures/",
                .vs_bandit =
                    "Bandit and ruff have no such check: their hardcoded-password rules "
                    "(B105-B107, S105-S107) look at the name a string is bound to, not at the "
                    "value, so a token passed positionally or kept in a list is missed, while "
                    "this rule finds a token wherever it is written. Test files are scanned too "
                    "(a real key in a test is still a leak); fixture-looking fakes are not "
                    "reported.",
            },
        .reveals_secret = true,
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// Shared by Vigil's secret rules (VG202-VG204): whether a name (variable, attribute, keyword,
// dictionary key) holds a secret, and Shannon entropy. A name is split into lower-case parts at
// '_', '-', '.', spaces and camelCase humps: `apiKey`, `API_KEY` and "X-Api-Key" are {api, key}.
#pragma once

#include "analysis/semantic/model.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::rules::secrets {

inline std::vector<std::string> name_parts(std::string_view name) {
    std::vector<std::string> parts;
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            parts.push_back(std::move(current));
            current.clear();
        }
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c == '_' || c == '-' || c == '.' || c == ' ' || c == ':' || c == '/') {
            flush();
            continue;
        }
        if (std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(name[i - 1]))) {
            flush(); // camelCase hump
        }
        current += static_cast<char>(std::tolower(c));
    }
    flush();
    return parts;
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

// Words that are a secret on their own.
inline constexpr std::array<std::string_view, 13> secret_words = {
    "password",  "passwd",     "pwd",       "passphrase", "secret",      "token", "apikey",
    "accesskey", "privatekey", "secretkey", "credential", "credentials", "auth"};

// Two words that together are a secret: api key, access key, private key.
inline bool is_secret_pair(std::string_view first, std::string_view second) {
    static constexpr std::array<std::string_view, 6> key_owners = {
        "api", "access", "private", "secret", "signing", "encryption"};
    return second == "key" && is_one_of(first, key_owners);
}

// Last parts that make the name describe the secret rather than hold it (`password_field`,
// `token_url`, `secret_name`, `token_count`).
inline constexpr std::array<std::string_view, 76> label_words = {
    "fingerprint", "method",   "methods",  "range",   "vars",       "volumes",     "volume",
    "flag",        "universe", "domain",   "refs",    "ref",        "url",         "uri",
    "path",        "file",     "filename", "dir",     "name",       "names",       "field",
    "fields",      "header",   "headers",  "env",     "var",        "variable",    "prompt",
    "count",       "policy",   "type",     "types",   "id",         "ids",         "length",
    "len",         "size",     "expiry",   "expires", "expiration", "ttl",         "timeout",
    "lifetime",    "age",      "required", "enabled", "valid",      "label",       "message",
    "msg",         "text",     "title",    "help",    "hint",       "placeholder", "format",
    "pattern",     "regex",    "param",    "column",  "kind",       "mode",        "version",
    "algorithm",   "alg",      "scheme",   "prefix",  "suffix",     "endpoint",    "class",
    "backend",     "handler",  "provider", "widget",  "form",       "index"};

// First parts that make the name a fact about the secret (`has_password`, `num_tokens`).
inline constexpr std::array<std::string_view, 25> predicate_words = {
    "has",      "is",       "num",   "n",       "max",      "min",    "use",    "uses", "require",
    "requires", "should",   "allow", "no",      "len",      "count",  "total",  "need", "needs",
    "verify",   "validate", "check", "disable", "disabled", "enable", "enabled"};

// How surely a name holds a secret. A bare `token` is as often a lexer's token, and a bare `auth`
// or `credentials` an authentication mode or object (whose repr shows no secret), as a
// credential: rules that compare or log values ask for more than that (a qualifier such as
// `access_token`, or a file that imports security libraries), and treat Weak names as no secret.
enum class SecretStrength { None, Weak, TokenOnly, Strong };

template <std::size_t N = 0>
SecretStrength secret_strength(std::string_view name,
                               const std::array<std::string_view, N>& extra = {}) {
    const std::vector<std::string> parts = name_parts(name);
    if (parts.empty() || is_one_of(parts.back(), label_words) ||
        (parts.size() > 1 && is_one_of(parts.front(), predicate_words))) {
        return SecretStrength::None;
    }
    static constexpr std::array<std::string_view, 26> token_qualifiers = {
        "access", "auth",     "refresh", "id",           "api",    "bearer", "csrf",
        "xsrf",   "session",  "reset",   "oauth",        "jwt",    "github", "gitlab",
        "slack",  "personal", "secret",  "verification", "invite", "magic",  "login",
        "device", "service",  "client",  "expected",     "sso"};
    bool token = false;
    bool auth = false;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& part = parts[i];
        if (part == "token" || part == "tok") {
            if (part == "token") {
                token = true;
            }
            for (const std::string& other : parts) {
                if (is_one_of(other, token_qualifiers)) {
                    return SecretStrength::Strong;
                }
            }
            continue;
        }
        if (part == "auth" || part == "credential" || part == "credentials") {
            auth = true;
            continue;
        }
        if (is_one_of(part, secret_words) || is_one_of(part, extra) ||
            (i + 1 < parts.size() && is_secret_pair(part, parts[i + 1]))) {
            return SecretStrength::Strong;
        }
    }
    return token ? SecretStrength::TokenOnly : auth ? SecretStrength::Weak : SecretStrength::None;
}

// Whether a name holds a secret (see the file comment); `extra` adds words for one rule.
template <std::size_t N = 0>
bool names_secret(std::string_view name, const std::array<std::string_view, N>& extra = {}) {
    return secret_strength(name, extra) != SecretStrength::None;
}

// Whether Vigil's B105-B107 claim the name: one of Bandit's words
// `pas+wo?r?d|pass(phrase)?|pwd|token|secrete?` is a whole part between '_' (or '-' and '.', which
// Vigil's B105 also splits dictionary keys at: "refresh-token").
inline bool bandit_password_name(std::string_view name) {
    std::size_t start = 0;
    for (std::size_t i = 0; i <= name.size(); ++i) {
        if (i < name.size() && name[i] != '_' && name[i] != '-' && name[i] != '.') {
            continue;
        }
        std::string part(name.substr(start, i - start));
        std::transform(part.begin(), part.end(), part.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        start = i + 1;
        if (part == "pass" || part == "passphrase" || part == "pwd" || part == "token" ||
            part == "secret" || part == "secrete") {
            return true;
        }
        // pas+wo?r?d
        if (part.size() >= 4 && part.compare(0, 3, "pas") == 0) {
            std::size_t k = 3;
            while (k < part.size() && part[k] == 's') {
                ++k;
            }
            if (k < part.size() && part[k] == 'w') {
                ++k;
                if (k < part.size() && part[k] == 'o') {
                    ++k;
                }
                if (k < part.size() && part[k] == 'r') {
                    ++k;
                }
                if (k + 1 == part.size() && part[k] == 'd') {
                    return true;
                }
            }
        }
    }
    return false;
}

// Shannon entropy of the text, in bits per character.
inline double shannon_entropy(std::string_view text) {
    if (text.empty()) {
        return 0;
    }
    std::array<std::size_t, 256> counts{};
    for (char c : text) {
        ++counts[static_cast<unsigned char>(c)];
    }
    double entropy = 0;
    const double size = static_cast<double>(text.size());
    for (std::size_t count : counts) {
        if (count != 0) {
            const double p = static_cast<double>(count) / size;
            entropy -= p * std::log2(p);
        }
    }
    return entropy;
}

// Whether text is an obvious placeholder: empty, a mask (***, xxxx), a template (<token>,
// {token}, ${TOKEN}, %(token)s, %s), or has a marker word of examples and fixtures.
inline bool has_placeholder_word(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static constexpr std::array<std::string_view, 14> markers = {
        "example", "fake", "dummy", "test",   "changeme", "change_me", "placeholder",
        "xxxx",    "***",  "your",  "sample", "redacted", "insert",    "replace"};
    return std::any_of(markers.begin(), markers.end(), [&](std::string_view marker) {
        return lower.find(marker) != std::string::npos;
    });
}

inline bool is_placeholder(std::string_view text) {
    if (text.empty() || has_placeholder_word(text)) {
        return true;
    }
    std::string lower(text);
    if (lower.find_first_of("<{$%") != std::string::npos) {
        return true;
    }
    // One character repeated (0000..., ----).
    return std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower.front(); });
}

// Whether the file works with credentials (imports jwt, hmac, secrets, an OAuth or auth
// library...): there a bare `token` is one.
inline bool file_handles_credentials(const SemanticModel& model) {
    static constexpr std::array<std::string_view, 18> modules = {"jwt",
                                                                 "jose",
                                                                 "hmac",
                                                                 "secrets",
                                                                 "itsdangerous",
                                                                 "oauthlib",
                                                                 "authlib",
                                                                 "requests_oauthlib",
                                                                 "flask_login",
                                                                 "flask_jwt_extended",
                                                                 "passlib",
                                                                 "bcrypt",
                                                                 "argon2",
                                                                 "django.contrib.auth",
                                                                 "rest_framework",
                                                                 "keyring",
                                                                 "msal",
                                                                 "google.oauth2"};
    return std::any_of(modules.begin(), modules.end(),
                       [&](std::string_view module) { return model.imports_module(module); });
}

// The kind of well-known credential (VG201's formats) in a literal's text, if any.
std::optional<std::string_view> known_token_kind(std::string_view text);

} // namespace vigil::analysis::rules::secrets

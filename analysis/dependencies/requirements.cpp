#include "analysis/dependencies/requirements.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/rules/transport/local_hosts.hpp"
#include "analysis/suppression.hpp"
#include "analysis/toml_limits.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <utility>

namespace vigil::analysis {

namespace {

constexpr std::array<std::string_view, 5> dependency_codes = {"VG701", "VG702", "VG703", "VG704",
                                                              "VG705"};

std::string lower(std::string_view text) {
    std::string result(text);
    std::transform(result.begin(), result.end(), result.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return result;
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

std::string_view file_name(std::string_view path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// A value and where each of its characters sits in the analysed text. When the value is not a
// verbatim copy of the text (a TOML string with escapes), every range is the whole element.
struct Located {
    std::string text;
    std::vector<std::size_t> offsets; // offsets[i]: where text[i] is
    bool exact = true;
    std::size_t whole_start = 0;
    std::size_t whole_end = 0;

    std::pair<std::size_t, std::size_t> range(std::size_t a, std::size_t b) const {
        if (!exact || text.empty()) {
            return {whole_start, whole_end};
        }
        a = std::min(a, text.size() - 1);
        b = std::clamp(b, a + 1, text.size());
        return {offsets[a], offsets[b - 1] + 1};
    }
    // Whether text[a, b) is one contiguous stretch of the analysed text (so it can be edited).
    bool contiguous(std::size_t a, std::size_t b) const {
        return exact && b <= text.size() && a < b && offsets[b - 1] - offsets[a] == b - a - 1;
    }
};

// Collects findings of the enabled dependency rules.
class Sink {
public:
    Sink(const Config& config, std::string_view path, std::vector<Finding>& out)
        : config_(config), out_(out) {
        for (std::size_t i = 0; i < dependency_codes.size(); ++i) {
            rules_[i] = find_rule(dependency_codes[i]);
            enabled_[i] = rules_[i] != nullptr && config.enables(rules_[i]->info, path);
        }
    }

    bool enabled(std::string_view code) const {
        const std::size_t i = index(code);
        return i < enabled_.size() && enabled_[i];
    }

    // Whether any dependency rule runs for this file (if none does, there is nothing to read).
    bool any_enabled() const {
        return std::any_of(enabled_.begin(), enabled_.end(), [](bool on) { return on; });
    }

    void report(std::string_view code, std::pair<std::size_t, std::size_t> range,
                std::string message, std::optional<Level> severity = std::nullopt,
                std::optional<Level> confidence = std::nullopt, std::vector<Fix> fixes = {}) {
        if (!enabled(code)) {
            return;
        }
        const RuleInfo& info = rules_[index(code)]->info;
        Finding finding;
        finding.code = std::string(info.code);
        finding.start = range.first;
        finding.end = range.second;
        finding.message = std::move(message);
        finding.severity = severity.value_or(info.severity);
        finding.confidence = confidence.value_or(info.confidence);
        finding.cwe = info.cwe;
        finding.fixes = std::move(fixes);
        if (config_.reports(finding)) {
            out_.push_back(std::move(finding));
        }
    }

private:
    static std::size_t index(std::string_view code) {
        return static_cast<std::size_t>(
            std::find(dependency_codes.begin(), dependency_codes.end(), code) -
            dependency_codes.begin());
    }

    const Config& config_;
    std::vector<Finding>& out_;
    std::array<const Rule*, dependency_codes.size()> rules_{};
    std::array<bool, dependency_codes.size()> enabled_{};
};

// ---------------------------------------------------------------------------------------------
// URLs

// Whether a URL's user information is made only of `${VAR}` placeholders (pip expands them from
// the environment) and separators.
bool only_placeholders(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ':') {
            ++i;
            continue;
        }
        if (text[i] == '$') {
            const std::size_t close = text.find('}', i);
            if (i + 1 < text.size() && text[i + 1] == '{' && close != std::string_view::npos) {
                i = close + 1;
                continue;
            }
            // $VAR (accepted by some tools) up to the next separator
            std::size_t end = i + 1;
            while (end < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
                ++end;
            }
            if (end == i + 1) {
                return false;
            }
            i = end;
            continue;
        }
        return false;
    }
    return true;
}

// A username alone that is an access token (GitHub, GitLab personal tokens, long random strings).
bool looks_like_token(std::string_view user) {
    for (std::string_view prefix : {"ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "glpat-"}) {
        if (user.starts_with(prefix)) {
            return true;
        }
    }
    return user.size() >= 32;
}

enum class UrlRole { Index, Requirement };

// Checks one URL: `url_at` is its index in `value`. http:// on a public host is VG703, user
// information holding a password or a token is VG704.
void check_url(const Located& value, std::size_t url_at, std::size_t url_end, UrlRole role,
               std::string_view what, Sink& sink) {
    const std::string_view url = std::string_view(value.text).substr(url_at, url_end - url_at);
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == std::string_view::npos) {
        return;
    }
    const std::string scheme = lower(url.substr(0, scheme_end));
    const std::size_t authority_at = scheme_end + 3;
    const std::size_t authority_end = std::min(url.find_first_of("/?#", authority_at), url.size());
    const std::string_view authority = url.substr(authority_at, authority_end - authority_at);
    const std::size_t at = authority.rfind('@');
    std::string_view host = at == std::string_view::npos ? authority : authority.substr(at + 1);
    if (!host.empty() && host.front() != '[') {
        host = host.substr(0, host.find(':'));
    }
    const bool placeholder_host = host.find_first_of("${}") != std::string_view::npos;

    if (at != std::string_view::npos) {
        const std::string_view userinfo = authority.substr(0, at);
        const std::size_t colon = userinfo.find(':');
        const std::string_view user = userinfo.substr(0, colon);
        const std::string_view password =
            colon == std::string_view::npos ? std::string_view{} : userinfo.substr(colon + 1);
        const bool secret = colon != std::string_view::npos
                                ? !password.empty() && !only_placeholders(password)
                                : !only_placeholders(user) && looks_like_token(user);
        if (secret) {
            const std::size_t start = url_at + authority_at;
            sink.report("VG704", value.range(start, start + at),
                        std::string(what) + " embeds credentials for " + std::string(host) +
                            " in its URL: anyone who can read the file (the repository, CI "
                            "logs, pip's output) can use them. Read them from the environment "
                            "(`${VAR}`), a keyring or ~/.netrc instead.");
        }
    }

    const bool http = scheme == "http" || scheme.ends_with("+http");
    if (http && !placeholder_host && !is_local_host(std::string(host))) {
        const std::size_t http_at = url_at + scheme.size() - 4; // "http" in "git+http"
        std::vector<Fix> fixes;
        if (value.contiguous(http_at, http_at + 4)) {
            const auto [start, end] = value.range(http_at, http_at + 4);
            fixes.push_back(Fix{.title = "Use https://",
                                .applicability = Applicability::Unsafe,
                                .edits = {TextEdit{start, end, "https"}}});
        }
        const std::string message =
            role == UrlRole::Index
                ? std::string(what) + " uses plain http:// (" + std::string(host) +
                      "): anyone on the network path can serve altered packages, which pip then "
                      "installs and runs."
                : std::string(what) + " is downloaded over plain http:// (" + std::string(host) +
                      "): anyone on the network path can replace the code that gets installed.";
        sink.report("VG703", value.range(url_at, url_end), message, std::nullopt, std::nullopt,
                    std::move(fixes));
    }
}

bool is_vcs_scheme(std::string_view scheme) {
    const std::string s = lower(scheme);
    return s.starts_with("git+") || s.starts_with("hg+") || s.starts_with("svn+") ||
           s.starts_with("bzr+") || s == "git";
}

// Branch names that move; a ref with a digit in it (a commit hash, a version tag) is taken as a
// pin, a ref without one as a branch.
bool ref_is_pinned(std::string_view ref) {
    if (ref.empty()) {
        return false;
    }
    const std::string name = lower(ref);
    for (std::string_view moving : {"main", "master", "develop", "dev", "trunk", "head", "latest",
                                    "stable", "default", "tip"}) {
        if (name == moving) {
            return false;
        }
    }
    return std::any_of(name.begin(), name.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// The `@ref` of a VCS URL (`git+https://host/x.git@v1.2#egg=x`), or empty when there is none.
std::string_view vcs_ref(std::string_view url) {
    const std::size_t scheme_end = url.find("://");
    std::size_t path_at = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
    path_at = url.find('/', path_at); // after the authority (which may hold `git@`)
    if (path_at == std::string_view::npos) {
        return {};
    }
    const std::string_view path = url.substr(path_at, url.find_first_of("#?", path_at) - path_at);
    const std::size_t at = path.rfind('@');
    return at == std::string_view::npos ? std::string_view{} : path.substr(at + 1);
}

// A URL requirement: http(s) and credentials, and for a VCS URL whether it names a ref.
void check_requirement_url(const Located& value, std::size_t url_at, std::size_t url_end,
                           std::string_view name, bool check_pins, Sink& sink) {
    const std::string_view url = std::string_view(value.text).substr(url_at, url_end - url_at);
    const std::string what = name.empty() ? std::string("The requirement")
                                          : "The requirement `" + std::string(name) + "`";
    check_url(value, url_at, url_end, UrlRole::Requirement, what, sink);
    const std::size_t scheme_end = url.find("://");
    if (!check_pins || scheme_end == std::string_view::npos ||
        !is_vcs_scheme(url.substr(0, scheme_end))) {
        return;
    }
    const std::string_view ref = vcs_ref(url);
    if (!ref_is_pinned(ref)) {
        sink.report("VG701", value.range(url_at, url_end),
                    what + " installs from version control " +
                        (ref.empty() ? std::string("without a ref")
                                     : "at the branch `" + std::string(ref) + "`") +
                        ": every install gets whatever the branch holds then. Pin a commit "
                        "hash or a tag (`@<sha>`).",
                    std::nullopt, Level::Medium);
    }
}

// ---------------------------------------------------------------------------------------------
// PEP 508 requirements ("name[extras] specifiers ; markers", "name @ url")

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
}

std::size_t skip_spaces(std::string_view text, std::size_t i) {
    while (i < text.size() && is_space(text[i])) {
        ++i;
    }
    return i;
}

bool looks_like_path(std::string_view req) {
    if (req.empty()) {
        return true;
    }
    if (req.front() == '.' || req.front() == '/' || req.front() == '~' ||
        req.find('\\') != std::string_view::npos) {
        return true;
    }
    const std::string name = lower(req);
    for (std::string_view suffix : {".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar"}) {
        if (name.ends_with(suffix)) {
            return true;
        }
    }
    return name.find('/') != std::string::npos && name.find("://") == std::string::npos;
}

enum class Where { Requirements, Pyproject };

// Checks the requirement in value.text[begin, end).
void check_pep508(const Located& value, std::size_t begin, std::size_t end, Where where,
                  bool check_pins, Sink& sink) {
    const std::string_view text = value.text;
    begin = skip_spaces(text, begin);
    while (end > begin && is_space(text[end - 1])) {
        --end;
    }
    if (begin >= end) {
        return;
    }
    std::string_view req = text.substr(begin, end - begin);
    // A bare URL (pip accepts them, with `#egg=name`).
    if (const std::size_t scheme = req.find("://");
        scheme != std::string_view::npos &&
        std::all_of(req.begin(), req.begin() + static_cast<std::ptrdiff_t>(scheme), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
        })) {
        // Markers after a URL need whitespace before the ';'.
        std::size_t url_end = end;
        for (std::size_t i = begin; i < end; ++i) {
            if (is_space(text[i])) {
                url_end = i;
                break;
            }
        }
        check_requirement_url(value, begin, url_end, {}, check_pins, sink);
        return;
    }
    if (looks_like_path(req.substr(0, req.find_first_of("; \t")))) {
        return; // a local directory or archive
    }
    std::size_t i = begin;
    while (i < end && is_name_char(text[i])) {
        ++i;
    }
    if (i == begin) {
        return;
    }
    const std::string_view name = text.substr(begin, i - begin);
    i = skip_spaces(text, i);
    if (i < end && text[i] == '[') {
        const std::size_t close = text.find(']', i);
        if (close == std::string_view::npos || close >= end) {
            return;
        }
        i = skip_spaces(text, close + 1);
    }
    if (i < end && text[i] == '@') {
        std::size_t url_at = skip_spaces(text, i + 1);
        std::size_t url_end = url_at;
        while (url_end < end && !is_space(text[url_end])) {
            ++url_end;
        }
        if (url_end > url_at && text[url_end - 1] == ';') {
            --url_end;
        }
        check_requirement_url(value, url_at, url_end, name, check_pins, sink);
        return;
    }
    if (!check_pins) {
        return;
    }
    std::size_t spec_end = std::min(text.find(';', i), end);
    std::size_t spec_begin = i;
    while (spec_end > spec_begin && is_space(text[spec_end - 1])) {
        --spec_end;
    }
    std::string_view spec = text.substr(spec_begin, spec_end - spec_begin);
    if (spec.size() >= 2 && spec.front() == '(' && spec.back() == ')') {
        spec = trim(spec.substr(1, spec.size() - 2));
    }
    if (spec.empty()) {
        if (where == Where::Pyproject) {
            sink.report("VG701", value.range(begin, i),
                        "The dependency `" + std::string(name) +
                            "` has no version constraint: any release, however old or new, "
                            "satisfies it. Give it at least a lower bound you have tested.",
                        Level::Low, Level::Medium);
        } else {
            sink.report("VG701", value.range(begin, i),
                        "The requirement `" + std::string(name) +
                            "` is not pinned: each install takes whatever version is newest "
                            "then, including a compromised or broken release. Pin it with "
                            "`==` (and `--hash`).");
        }
        return;
    }
    if (where == Where::Pyproject) {
        return; // ranges are how libraries declare what they work with
    }
    bool pinned = false;
    std::size_t clause_at = 0;
    while (clause_at <= spec.size()) {
        const std::size_t comma = std::min(spec.find(',', clause_at), spec.size());
        const std::string_view clause = trim(spec.substr(clause_at, comma - clause_at));
        if (clause.starts_with("===")) {
            pinned = true;
        } else if (clause.starts_with("==") && clause.find('*') == std::string_view::npos) {
            pinned = true;
        }
        clause_at = comma + 1;
    }
    if (!pinned) {
        const std::size_t spec_at = static_cast<std::size_t>(spec.data() - text.data());
        sink.report("VG702", value.range(spec_at, spec_at + spec.size()),
                    "The requirement `" + std::string(name) + "` is only loosely pinned (`" +
                        std::string(spec) +
                        "`): installs at different times get different versions, including a "
                        "compromised or broken release. Pin it with `==` (and `--hash`).");
    }
}

// ---------------------------------------------------------------------------------------------
// Requirements files

// A comment starts at '#' at the start of a line or after whitespace (pip's rule).
std::size_t comment_start(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '#' && (i == 0 || is_space(line[i - 1]))) {
            return i;
        }
    }
    return std::string_view::npos;
}

struct Token {
    std::size_t begin = 0; // in the logical line
    std::size_t end = 0;
};

std::vector<Token> tokens_of(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        i = skip_spaces(text, i);
        if (i >= text.size()) {
            break;
        }
        std::size_t end = i;
        while (end < text.size() && !is_space(text[end])) {
            ++end;
        }
        tokens.push_back({i, end});
        i = end;
    }
    return tokens;
}

// A logical line: physical lines joined at trailing backslashes, comments removed.
struct LogicalLine {
    Located value;
    std::uint32_t first_row = 0;
    std::uint32_t last_row = 0;
};

std::vector<LogicalLine> logical_lines(std::string_view text, Suppressions& suppressions) {
    std::vector<LogicalLine> lines;
    LogicalLine current;
    bool open = false;
    std::uint32_t row = 0;
    std::size_t at = 0;
    while (at <= text.size()) {
        std::size_t end = text.find('\n', at);
        const bool last = end == std::string_view::npos;
        if (last) {
            end = text.size();
        }
        std::string_view line = text.substr(at, end - at);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!open) {
            current = LogicalLine{};
            current.first_row = row;
            open = true;
        }
        current.last_row = row;
        const std::size_t comment = comment_start(line);
        if (comment != std::string_view::npos) {
            suppressions.add_comment(row, line.substr(comment));
        }
        std::string_view content = line.substr(0, comment);
        const bool continues =
            comment == std::string_view::npos && !content.empty() && content.back() == '\\';
        if (continues) {
            content.remove_suffix(1);
        }
        for (std::size_t i = 0; i < content.size(); ++i) {
            current.value.text.push_back(content[i]);
            current.value.offsets.push_back(at + i);
        }
        if (!continues || last) {
            lines.push_back(std::move(current));
            open = false;
        }
        if (last) {
            break;
        }
        at = end + 1;
        ++row;
    }
    return lines;
}

// The value of an option token: "--index-url=URL" (or "-iURL") itself, else the next token.
struct OptionValue {
    std::string_view name;
    std::optional<Token> value;
    std::size_t consumed = 1; // tokens
};

OptionValue option_value(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    const Token& token = tokens[i];
    const std::string_view word = text.substr(token.begin, token.end - token.begin);
    OptionValue result;
    if (word.starts_with("--")) {
        const std::size_t equals = word.find('=');
        if (equals != std::string_view::npos) {
            result.name = word.substr(0, equals);
            result.value = Token{token.begin + equals + 1, token.end};
            return result;
        }
        result.name = word;
    } else {
        result.name = word.substr(0, 2);
        if (word.size() > 2) {
            result.value = Token{token.begin + 2, token.end};
            return result;
        }
    }
    if (i + 1 < tokens.size()) {
        result.value = tokens[i + 1];
        result.consumed = 2;
    }
    return result;
}

void check_requirement_lines(const std::vector<LogicalLine>& lines, Sink& sink) {
    // With a constraints file, the pins may live there: versions are not judged here.
    bool constrained = false;
    for (const LogicalLine& line : lines) {
        const std::string_view text = trim(line.value.text);
        constrained = constrained || text.starts_with("-c") || text.starts_with("--constraint");
    }
    for (const LogicalLine& line : lines) {
        const Located& value = line.value;
        const std::string_view text = value.text;
        const std::vector<Token> tokens = tokens_of(text);
        if (tokens.empty()) {
            continue;
        }
        if (text[tokens[0].begin] != '-') {
            // A requirement, up to its per-requirement options (--hash, --config-settings).
            std::size_t end = text.size();
            for (const Token& token : tokens) {
                if (text.substr(token.begin).starts_with("--")) {
                    end = token.begin;
                    break;
                }
            }
            check_pep508(value, 0, end, Where::Requirements, !constrained, sink);
            continue;
        }
        for (std::size_t i = 0; i < tokens.size();) {
            if (text[tokens[i].begin] != '-') {
                ++i;
                continue;
            }
            const OptionValue option = option_value(text, tokens, i);
            const std::string_view name = option.name;
            if (option.value) {
                const Token v = *option.value;
                if (name == "-i" || name == "--index-url" || name == "--extra-index-url" ||
                    name == "-f" || name == "--find-links") {
                    const std::string what =
                        name == "-i" || name == "--index-url" ? "The package index"
                        : name == "--extra-index-url"         ? "The extra package index"
                                                              : "The --find-links location";
                    check_url(value, v.begin, v.end, UrlRole::Index, what, sink);
                } else if (name == "--trusted-host") {
                    const std::string_view host = text.substr(v.begin, v.end - v.begin);
                    const std::string_view name_only =
                        host.starts_with('[') ? host : host.substr(0, host.find(':'));
                    if (is_local_host(std::string(name_only))) {
                        i += option.consumed; // a local devpi or proxy: nothing to intercept
                        continue;
                    }
                    sink.report("VG705", value.range(tokens[i].begin, v.end),
                                "`--trusted-host " + std::string(host) +
                                    "` turns off TLS certificate checks for that host (and "
                                    "allows plain http:// to it): anyone who can intercept the "
                                    "connection can serve packages in its name.");
                } else if (name == "-e" || name == "--editable") {
                    check_pep508(value, v.begin, v.end, Where::Requirements, !constrained, sink);
                }
            }
            i += option.consumed;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// pyproject.toml

class TomlFile {
public:
    explicit TomlFile(std::string_view text) : text_(text) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n') {
                line_starts_.push_back(i + 1);
            }
        }
    }

    // The byte offset of a toml++ position (1-based line, 1-based column in code points).
    std::size_t offset(const toml::source_position& position) const {
        if (position.line == 0 || position.line > line_starts_.size()) {
            return text_.size();
        }
        std::size_t at = line_starts_[position.line - 1];
        for (toml::source_index column = 1; column < position.column && at < text_.size();) {
            if (text_[at] == '\n') {
                break;
            }
            ++at;
            while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) {
                ++at;
            }
            ++column;
        }
        return at;
    }

    // A string element, located: verbatim when the text between its quotes is its value.
    Located string(const toml::node& node) const {
        Located located;
        located.text = node.as_string()->get();
        const std::size_t start = offset(node.source().begin);
        std::size_t end = offset(node.source().end);
        if (end <= start || end > text_.size()) {
            end = std::min(text_.size(), start + 1);
        }
        located.whole_start = start;
        located.whole_end = end;
        std::size_t quote = 0;
        if (start < text_.size() && (text_[start] == '"' || text_[start] == '\'')) {
            quote = text_.substr(start, 3) == "\"\"\"" || text_.substr(start, 3) == "'''" ? 3 : 1;
        }
        const std::size_t content = start + quote;
        located.exact = quote > 0 && content + located.text.size() <= text_.size() &&
                        text_.substr(content, located.text.size()) == located.text;
        if (located.exact) {
            for (std::size_t i = 0; i < located.text.size(); ++i) {
                located.offsets.push_back(content + i);
            }
        }
        return located;
    }

    std::pair<std::size_t, std::size_t> range(const toml::source_region& region) const {
        const std::size_t start = offset(region.begin);
        return {start, std::max(start + 1, offset(region.end))};
    }

    // Suppression comments: '#' outside strings, line by line (strings rarely span lines here).
    void add_comments(Suppressions& suppressions) const {
        for (std::size_t row = 0; row < line_starts_.size(); ++row) {
            const std::size_t start = line_starts_[row];
            const std::size_t end =
                row + 1 < line_starts_.size() ? line_starts_[row + 1] : text_.size();
            const std::string_view line = text_.substr(start, end - start);
            char quote = 0;
            for (std::size_t i = 0; i < line.size(); ++i) {
                const char c = line[i];
                if (quote) {
                    if (c == '\\' && quote == '"') {
                        ++i;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#') {
                    suppressions.add_comment(static_cast<std::uint32_t>(row), line.substr(i));
                    break;
                }
            }
        }
    }

    std::uint32_t row_of(std::size_t offset) const {
        const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        return static_cast<std::uint32_t>(it - line_starts_.begin() - 1);
    }

private:
    std::string_view text_;
    std::vector<std::size_t> line_starts_;
};

void check_requirement_array(const TomlFile& file, const toml::node* node, Sink& sink) {
    const toml::array* array = node ? node->as_array() : nullptr;
    if (!array) {
        return;
    }
    for (const toml::node& element : *array) {
        if (element.is_string()) {
            const Located value = file.string(element);
            check_pep508(value, 0, value.text.size(), Where::Pyproject, true, sink);
        }
    }
}

// One entry of [tool.poetry.dependencies]: "^1.2", "*", {version = ...}, {git = ..., rev = ...}.
void check_poetry_dependency(const TomlFile& file, const toml::key& key, const toml::node& node,
                             Sink& sink) {
    const std::string name(key.str());
    if (lower(name) == "python") {
        return;
    }
    const std::string unpinned = "The dependency `" + name +
                                 "` accepts any version (`*`): any release, however old or "
                                 "new, satisfies it. Give it at least a lower bound you have "
                                 "tested.";
    auto check_version = [&](const toml::node& version) {
        const std::string_view text = trim(version.as_string()->get());
        if (text.empty() || text == "*") {
            sink.report("VG701", file.range(version.source()), unpinned, Level::Low, Level::Medium);
        }
    };
    if (node.is_string()) {
        check_version(node);
        return;
    }
    const toml::table* table = node.as_table();
    if (!table) {
        return;
    }
    if (const toml::node* git = table->get("git"); git && git->is_string()) {
        const Located url = file.string(*git);
        check_url(url, 0, url.text.size(), UrlRole::Requirement, "The dependency `" + name + "`",
                  sink);
        const toml::node* rev = table->get("rev");
        const toml::node* tag = table->get("tag");
        const toml::node* branch = table->get("branch");
        if (!rev && !tag) {
            const std::string_view ref =
                branch && branch->is_string() ? std::string_view(branch->as_string()->get()) : "";
            sink.report("VG701", file.range(key.source()),
                        "The dependency `" + name + "` installs from git " +
                            (ref.empty() ? std::string("without a ref")
                                         : "at the branch `" + std::string(ref) + "`") +
                            ": every install gets whatever the branch holds then. Pin a `rev` "
                            "or a `tag`.",
                        Level::Low, Level::Medium);
        }
        return;
    }
    if (const toml::node* url = table->get("url"); url && url->is_string()) {
        const Located value = file.string(*url);
        check_url(value, 0, value.text.size(), UrlRole::Requirement,
                  "The dependency `" + name + "`", sink);
        return;
    }
    if (table->contains("path")) {
        return;
    }
    if (const toml::node* version = table->get("version"); version && version->is_string()) {
        check_version(*version);
    }
}

void check_poetry_table(const TomlFile& file, const toml::node* node, Sink& sink) {
    const toml::table* table = node ? node->as_table() : nullptr;
    if (!table) {
        return;
    }
    for (const auto& [key, value] : *table) {
        check_poetry_dependency(file, key, value, sink);
    }
}

void check_index_string(const TomlFile& file, const toml::node* node, std::string_view what,
                        Sink& sink) {
    if (node && node->is_string()) {
        const Located value = file.string(*node);
        check_url(value, 0, value.text.size(), UrlRole::Index, what, sink);
    } else if (const toml::array* array = node ? node->as_array() : nullptr) {
        for (const toml::node& element : *array) {
            check_index_string(file, &element, what, sink);
        }
    }
}

void check_pyproject(std::string_view text, const toml::table& document, Sink& sink) {
    const TomlFile file(text);
    if (const toml::table* project = document["project"].as_table()) {
        check_requirement_array(file, project->get("dependencies"), sink);
        if (const toml::table* optional = project->get_as<toml::table>("optional-dependencies")) {
            for (const auto& [group, requirements] : *optional) {
                check_requirement_array(file, &requirements, sink);
            }
        }
    }
    if (const toml::table* groups = document["dependency-groups"].as_table()) {
        for (const auto& [group, requirements] : *groups) {
            check_requirement_array(file, &requirements, sink);
        }
    }
    if (const toml::table* poetry = document["tool"]["poetry"].as_table()) {
        check_poetry_table(file, poetry->get("dependencies"), sink);
        check_poetry_table(file, poetry->get("dev-dependencies"), sink);
        if (const toml::table* groups = poetry->get_as<toml::table>("group")) {
            for (const auto& [group, body] : *groups) {
                if (const toml::table* group_table = body.as_table()) {
                    check_poetry_table(file, group_table->get("dependencies"), sink);
                }
            }
        }
        if (const toml::array* sources = poetry->get_as<toml::array>("source")) {
            for (const toml::node& source : *sources) {
                if (const toml::table* table = source.as_table()) {
                    check_index_string(file, table->get("url"), "The Poetry package source", sink);
                }
            }
        }
    }
    if (const toml::table* uv = document["tool"]["uv"].as_table()) {
        check_index_string(file, uv->get("index-url"), "The package index", sink);
        check_index_string(file, uv->get("extra-index-url"), "The extra package index", sink);
        check_index_string(file, uv->get("find-links"), "The find-links location", sink);
        if (const toml::array* indexes = uv->get_as<toml::array>("index")) {
            for (const toml::node& index : *indexes) {
                if (const toml::table* table = index.as_table()) {
                    check_index_string(file, table->get("url"), "The package index", sink);
                }
            }
        }
        if (const toml::array* hosts = uv->get_as<toml::array>("allow-insecure-host")) {
            for (const toml::node& host : *hosts) {
                if (host.is_string() && !is_local_host(host.as_string()->get().substr(
                                            0, host.as_string()->get().find(':')))) {
                    sink.report("VG705", file.range(host.source()),
                                "`allow-insecure-host` `" + host.as_string()->get() +
                                    "` turns off TLS certificate checks for that host: anyone "
                                    "who can intercept the connection can serve packages in its "
                                    "name.");
                }
            }
        }
    }
}

// Drops findings suppressed by a comment on any row they span.
void apply_suppressions(std::vector<Finding>& findings, const Suppressions& suppressions,
                        const auto& rows_of) {
    std::erase_if(findings, [&](const Finding& finding) {
        const auto [first, last] = rows_of(finding);
        return suppressions.suppresses(finding.code, first, last);
    });
    std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
        return std::tie(a.start, a.end, a.code) < std::tie(b.start, b.end, b.code);
    });
}

} // namespace

DependencyFormat dependency_format_of_path(std::string_view path) {
    const std::string name = lower(file_name(path));
    if (name == "pyproject.toml") {
        return DependencyFormat::Pyproject;
    }
    if (!name.ends_with(".txt")) {
        return DependencyFormat::None;
    }
    if (name.find("requirements") != std::string::npos) {
        return DependencyFormat::Requirements;
    }
    const std::string_view directory = path.substr(0, path.size() - file_name(path).size());
    if (!directory.empty() &&
        lower(file_name(directory.substr(0, directory.size() - 1))) == "requirements") {
        return DependencyFormat::Requirements;
    }
    return DependencyFormat::None;
}

DependencyFormat dependency_format_of_document(std::string_view language_id,
                                               std::string_view path) {
    if (language_id == "pip-requirements" || language_id == "requirements") {
        return DependencyFormat::Requirements;
    }
    if (language_id == "python") {
        return DependencyFormat::None;
    }
    return dependency_format_of_path(path);
}

std::vector<Finding> check_requirements(std::string_view text, std::string_view path,
                                        const Config& config) {
    std::vector<Finding> findings;
    Sink sink(config, path, findings);
    if (!sink.any_enabled()) {
        return findings;
    }
    Suppressions suppressions;
    const std::vector<LogicalLine> lines = logical_lines(text, suppressions);
    check_requirement_lines(lines, sink);
    // A finding covers the rows of its logical line.
    apply_suppressions(findings, suppressions, [&](const Finding& finding) {
        for (const LogicalLine& line : lines) {
            if (!line.value.offsets.empty() && line.value.offsets.front() <= finding.start &&
                finding.start <= line.value.offsets.back()) {
                return std::pair{line.first_row, line.last_row};
            }
        }
        return std::pair<std::uint32_t, std::uint32_t>{0, 0};
    });
    return findings;
}

std::vector<Finding> check_pyproject_dependencies(std::string_view text, std::string_view path,
                                                  const Config& config) {
    std::vector<Finding> findings;
    Sink sink(config, path, findings);
    if (!sink.any_enabled()) {
        return findings;
    }
    if (toml_beyond_limits(text)) {
        return findings; // toml++ must not see it; the configuration loader reports the file
    }
    toml::table document;
    try {
        document = toml::parse(text, std::string(path));
    } catch (const toml::parse_error&) {
        return findings;
    }
    check_pyproject(text, document, sink);
    const TomlFile file(text);
    Suppressions suppressions;
    file.add_comments(suppressions);
    apply_suppressions(findings, suppressions, [&](const Finding& finding) {
        return std::pair{file.row_of(finding.start),
                         file.row_of(std::max(finding.start, finding.end - 1))};
    });
    return findings;
}

std::vector<Finding> check_dependencies(std::string_view text, std::string_view path,
                                        const Config& config, DependencyFormat format) {
    switch (format) {
    case DependencyFormat::Requirements:
        return check_requirements(text, path, config);
    case DependencyFormat::Pyproject:
        return check_pyproject_dependencies(text, path, config);
    case DependencyFormat::None:
        break;
    }
    return {};
}

bool is_dependency_rule(std::string_view code) {
    return std::find(dependency_codes.begin(), dependency_codes.end(), code) !=
           dependency_codes.end();
}

} // namespace vigil::analysis

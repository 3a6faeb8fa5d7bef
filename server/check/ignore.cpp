#include "server/check/ignore.hpp"

namespace vigil::server::check {

namespace {

// Matches one `[...]` class at pattern[i] against c. Returns false in `valid` when the class has
// no closing bracket (the `[` is then a literal). Advances i past the class.
bool match_class(std::string_view pattern, std::size_t& i, char c, bool& valid) {
    std::size_t j = i + 1;
    bool negate = false;
    if (j < pattern.size() && (pattern[j] == '!' || pattern[j] == '^')) {
        negate = true;
        ++j;
    }
    bool matched = false;
    bool first = true;
    while (j < pattern.size() && (pattern[j] != ']' || first)) {
        first = false;
        char low = pattern[j];
        if (low == '\\' && j + 1 < pattern.size()) {
            low = pattern[++j];
        }
        char high = low;
        if (j + 2 < pattern.size() && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
            high = pattern[j + 2];
            if (high == '\\' && j + 3 < pattern.size()) {
                high = pattern[j + 3];
                ++j;
            }
            j += 2;
        }
        if (low <= c && c <= high) {
            matched = true;
        }
        ++j;
    }
    if (j >= pattern.size()) {
        valid = false;
        return false;
    }
    valid = true;
    i = j + 1;
    return matched != negate && c != '/';
}

bool match_from(std::string_view p, std::size_t pi, std::string_view s, std::size_t si) {
    while (pi < p.size()) {
        // `**` as a whole component.
        if (p[pi] == '*' && pi + 1 < p.size() && p[pi + 1] == '*' &&
            (pi == 0 || p[pi - 1] == '/')) {
            const std::size_t rest = pi + 2;
            if (rest == p.size()) {
                return true;
            }
            if (p[rest] == '/') {
                if (match_from(p, rest + 1, s, si)) {
                    return true;
                }
                for (std::size_t k = si; k < s.size(); ++k) {
                    if (s[k] == '/' && match_from(p, rest + 1, s, k + 1)) {
                        return true;
                    }
                }
                return false;
            }
            // `**x`: an ordinary star.
        }
        const char c = p[pi];
        if (c == '*') {
            while (pi < p.size() && p[pi] == '*') {
                ++pi;
            }
            if (pi == p.size()) {
                return s.find('/', si) == std::string_view::npos;
            }
            for (std::size_t k = si;; ++k) {
                if (match_from(p, pi, s, k)) {
                    return true;
                }
                if (k == s.size() || s[k] == '/') {
                    return false;
                }
            }
        }
        if (si == s.size()) {
            return false;
        }
        if (c == '?') {
            if (s[si] == '/') {
                return false;
            }
            ++pi;
            ++si;
            continue;
        }
        if (c == '[') {
            bool valid = true;
            std::size_t after = pi;
            const bool matched = match_class(p, after, s[si], valid);
            if (valid) {
                if (!matched) {
                    return false;
                }
                pi = after;
                ++si;
                continue;
            }
        }
        char literal = c;
        if (c == '\\' && pi + 1 < p.size()) {
            literal = p[++pi];
        }
        if (literal != s[si]) {
            return false;
        }
        ++pi;
        ++si;
    }
    return si == s.size();
}

} // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    return match_from(pattern, 0, path, 0);
}

IgnoreFile::IgnoreFile(std::string base, std::string_view contents) : base_(std::move(base)) {
    while (!contents.empty()) {
        const std::size_t newline = contents.find('\n');
        add_line(contents.substr(0, newline));
        if (newline == std::string_view::npos) {
            break;
        }
        contents.remove_prefix(newline + 1);
    }
}

IgnoreFile IgnoreFile::from_patterns(std::string base, const std::vector<std::string>& patterns) {
    IgnoreFile file;
    file.base_ = std::move(base);
    for (const std::string& pattern : patterns) {
        file.add_line(pattern);
    }
    return file;
}

void IgnoreFile::add_line(std::string_view line) {
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    // Trailing spaces are trimmed unless escaped.
    while (!line.empty() && line.back() == ' ' &&
           !(line.size() >= 2 && line[line.size() - 2] == '\\')) {
        line.remove_suffix(1);
    }
    if (line.empty() || line.front() == '#') {
        return;
    }
    IgnorePattern pattern;
    if (line.front() == '!') {
        pattern.negated = true;
        line.remove_prefix(1);
    }
    if (!line.empty() && line.back() == '/') {
        pattern.directory_only = true;
        line.remove_suffix(1);
    }
    if (line.empty()) {
        return;
    }
    pattern.anchored = line.find('/') != std::string_view::npos;
    if (line.front() == '/') {
        line.remove_prefix(1);
    }
    if (line.empty()) {
        return;
    }
    pattern.glob = std::string(line);
    patterns_.push_back(std::move(pattern));
}

IgnoreVerdict IgnoreFile::match(std::string_view absolute, bool is_directory) const {
    std::string_view relative;
    bool inside = false;
    const bool base_is_root = !base_.empty() && base_.back() == '/';
    if (absolute.size() > base_.size() && absolute.substr(0, base_.size()) == base_ &&
        (base_is_root || absolute[base_.size()] == '/')) {
        relative = absolute.substr(base_.size() + (base_is_root ? 0 : 1));
        inside = true;
    }
    const std::size_t slash = absolute.rfind('/');
    const std::string_view name =
        slash == std::string_view::npos ? absolute : absolute.substr(slash + 1);
    for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
        if (it->directory_only && !is_directory) {
            continue;
        }
        bool matched = false;
        if (it->anchored) {
            matched = inside && glob_match(it->glob, relative);
        } else {
            matched = glob_match(it->glob, name);
        }
        if (matched) {
            return it->negated ? IgnoreVerdict::Included : IgnoreVerdict::Ignored;
        }
    }
    return IgnoreVerdict::None;
}

} // namespace vigil::server::check

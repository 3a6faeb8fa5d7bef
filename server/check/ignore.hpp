// gitignore-style patterns: what `.gitignore` files and `--exclude` say to skip.
//
// Supported syntax (as git documents it): blank lines and `#` comments, `\` escapes, trailing
// spaces trimmed, `!` negation, a trailing `/` matching directories only, a `/` at the start or in
// the middle anchoring the pattern to the file's directory (otherwise it matches a name at any
// depth), `*`, `?`, `[...]` classes (with `!`/`^` negation and ranges), and `**` as a leading
// `**/`, a trailing `/**` or an inner `/**/`. The last matching line wins, and a deeper file
// wins over a shallower one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil::server::check {

// Matches `path` (components separated by '/') against a glob; `*` and `?` never match '/', `**`
// as a whole component matches any number of components.
bool glob_match(std::string_view pattern, std::string_view path);

struct IgnorePattern {
    std::string glob; // without the `!`, the trailing `/` and a leading `/`
    bool negated = false;
    bool directory_only = false;
    bool anchored = false; // matched against the whole relative path, not just the name
};

enum class IgnoreVerdict { None, Ignored, Included };

// The patterns of one file (or of --exclude), relative to the directory `base` (absolute,
// lexically normal, without a trailing slash).
class IgnoreFile {
public:
    IgnoreFile(std::string base, std::string_view contents);
    static IgnoreFile from_patterns(std::string base, const std::vector<std::string>& patterns);

    // `absolute` is the entry's absolute lexically normal path. Paths outside `base` are only
    // matched by unanchored patterns (by name).
    IgnoreVerdict match(std::string_view absolute, bool is_directory) const;

    const std::string& base() const { return base_; }
    bool empty() const { return patterns_.empty(); }

private:
    IgnoreFile() = default;
    void add_line(std::string_view line);

    std::string base_;
    std::vector<IgnorePattern> patterns_;
};

} // namespace vigil::server::check

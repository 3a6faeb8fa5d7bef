#include "analysis/dependencies/pep440.hpp"

#include <algorithm>
#include <array>

namespace vigil::analysis::pep440 {

namespace {

// ---------------------------------------------------------------------------------------------
// Characters as packaging's regular expressions see them. Its patterns are compiled for `str`
// with re.IGNORECASE, so `\s` is Unicode whitespace, `[0-9]` is ASCII, and a letter also matches
// the non-ASCII letters Python's case folding maps onto it: U+0130 and U+0131 onto "i", U+017F
// onto "s", U+212A (Kelvin) onto "k".

bool is_space(char32_t c) {
    switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x1C:
    case 0x1D:
    case 0x1E:
    case 0x1F:
    case 0x20:
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

bool matches_letter(char32_t c, char lower) {
    if (c == static_cast<char32_t>(lower) || c == static_cast<char32_t>(lower - 'a' + 'A')) {
        return true;
    }
    switch (lower) {
    case 'i':
        return c == 0x130 || c == 0x131;
    case 's':
        return c == 0x17F;
    case 'k':
        return c == 0x212A;
    default:
        return false;
    }
}

// `[a-z0-9]` under re.IGNORECASE.
bool is_alnum(char32_t c) {
    return is_digit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == 0x130 ||
           c == 0x131 || c == 0x17F || c == 0x212A;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Python's str.lower() for one character, exact wherever the result can take part in a version:
// ASCII, U+0130 -> "i" + U+0307, U+212A -> "k"; every other character is kept (U+017F and U+0131
// are their own lower case; other characters never appear in a parsed version).
void append_lower(std::string& out, char32_t c) {
    if (c >= U'A' && c <= U'Z') {
        out += static_cast<char>(c - U'A' + U'a');
    } else if (c == 0x130) {
        out += 'i';
        append_utf8(out, 0x307);
    } else if (c == 0x212A) {
        out += 'k';
    } else {
        append_utf8(out, c);
    }
}

std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            out += static_cast<char32_t>(b);
            ++i;
            continue;
        }
        int extra = 0;
        char32_t c = 0;
        char32_t min = 0;
        if ((b & 0xE0) == 0xC0) {
            extra = 1, c = b & 0x1F, min = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            extra = 2, c = b & 0x0F, min = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            extra = 3, c = b & 0x07, min = 0x10000;
        } else {
            return std::nullopt;
        }
        if (i + static_cast<std::size_t>(extra) >= text.size()) {
            return std::nullopt;
        }
        for (int k = 1; k <= extra; ++k) {
            const auto cont = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((cont & 0xC0) != 0x80) {
                return std::nullopt;
            }
            c = (c << 6) | (cont & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            return std::nullopt;
        }
        out += c;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) {
        append_utf8(out, c);
    }
    return out;
}

std::string lower(std::u32string_view s) {
    std::string out;
    for (char32_t c : s) {
        append_lower(out, c);
    }
    return out;
}

// Python's str.strip() with no argument.
std::u32string_view strip(std::u32string_view s) {
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// ---------------------------------------------------------------------------------------------
// The version grammar (packaging's VERSION_PATTERN, and the variants of it inside the specifier
// pattern), scanned by hand. Each optional part is tried greedily; for this grammar that is the
// only way the regular expression can match (a part that matches never leaves a remainder another
// reading could complete), which the differential test checks.

struct Scan {
    std::size_t end = 0;
    std::u32string_view epoch;
    std::vector<std::u32string_view> release;
    bool has_pre = false;
    std::u32string_view pre_letter, pre_number;
    bool has_post = false;
    std::u32string_view post_letter, post_number; // no letter: the "-N" spelling
    bool has_dev = false;
    std::u32string_view dev_number;
    bool has_local = false;
    std::vector<std::u32string_view> local;
    bool wildcard = false;
};

struct Grammar {
    bool local = true;
    bool wildcard = false;
    std::size_t min_release = 1;
};

bool is_separator(char32_t c) {
    return c == U'-' || c == U'_' || c == U'.';
}

std::size_t digits_at(std::u32string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) {
        ++j;
    }
    return j - i;
}

bool keyword_at(std::u32string_view s, std::size_t i, std::string_view word) {
    if (s.size() - std::min(i, s.size()) < word.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (!matches_letter(s[i + k], word[k])) {
            return false;
        }
    }
    return true;
}

// The longest of `words` at `i` (for these alternations the longest is the only one with which
// the whole pattern can match).
std::size_t longest_keyword(std::u32string_view s, std::size_t i,
                            std::initializer_list<std::string_view> words) {
    std::size_t best = 0;
    for (auto word : words) {
        if (word.size() > best && keyword_at(s, i, word)) {
            best = word.size();
        }
    }
    return best;
}

// `[-_.]? letters [-_.]? digits*` at i: the letters' and digits' views and the end, or nothing.
struct Lettered {
    std::size_t end;
    std::u32string_view letter, number;
};
std::optional<Lettered> lettered_at(std::u32string_view s, std::size_t i,
                                    std::initializer_list<std::string_view> words) {
    std::size_t j = i;
    if (j < s.size() && is_separator(s[j])) {
        ++j;
    }
    const std::size_t len = longest_keyword(s, j, words);
    if (len == 0) {
        return std::nullopt;
    }
    Lettered out{};
    out.letter = s.substr(j, len);
    j += len;
    if (j < s.size() && is_separator(s[j])) {
        ++j;
    }
    const std::size_t n = digits_at(s, j);
    out.number = s.substr(j, n);
    out.end = j + n;
    return out;
}

// From i (after any leading whitespace): `v? (N!)? N(.N)* pre? post? dev? (+local)?`, or with
// `grammar.wildcard` the alternative `N(.N)*.*`. Returns where the match ends; the caller checks
// that only whitespace follows.
std::optional<Scan> scan_version(std::u32string_view s, std::size_t i, const Grammar& grammar) {
    Scan scan;
    if (i < s.size() && (s[i] == U'v' || s[i] == U'V')) {
        ++i;
    }
    if (std::size_t n = digits_at(s, i); n > 0 && i + n < s.size() && s[i + n] == U'!') {
        scan.epoch = s.substr(i, n);
        i += n + 1;
    }
    std::size_t n = digits_at(s, i);
    if (n == 0) {
        return std::nullopt;
    }
    scan.release.push_back(s.substr(i, n));
    i += n;
    while (i + 1 < s.size() && s[i] == U'.' && is_digit(s[i + 1])) {
        n = digits_at(s, i + 1);
        scan.release.push_back(s.substr(i + 1, n));
        i += 1 + n;
    }
    if (scan.release.size() < grammar.min_release) {
        return std::nullopt;
    }
    if (grammar.wildcard && i + 1 < s.size() && s[i] == U'.' && s[i + 1] == U'*') {
        scan.wildcard = true;
        scan.end = i + 2;
        return scan;
    }
    if (auto pre = lettered_at(s, i, {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"})) {
        scan.has_pre = true;
        scan.pre_letter = pre->letter;
        scan.pre_number = pre->number;
        i = pre->end;
    }
    if (i + 1 < s.size() && s[i] == U'-' && is_digit(s[i + 1])) {
        n = digits_at(s, i + 1);
        scan.has_post = true;
        scan.post_number = s.substr(i + 1, n);
        i += 1 + n;
    } else if (auto post = lettered_at(s, i, {"post", "rev", "r"})) {
        scan.has_post = true;
        scan.post_letter = post->letter;
        scan.post_number = post->number;
        i = post->end;
    }
    if (auto dev = lettered_at(s, i, {"dev"})) {
        scan.has_dev = true;
        scan.dev_number = dev->number;
        i = dev->end;
    }
    if (grammar.local && i + 1 < s.size() && s[i] == U'+' && is_alnum(s[i + 1])) {
        scan.has_local = true;
        ++i;
        for (;;) {
            std::size_t j = i;
            while (j < s.size() && is_alnum(s[j])) {
                ++j;
            }
            scan.local.push_back(s.substr(i, j - i));
            i = j;
            if (i + 1 < s.size() && is_separator(s[i]) && is_alnum(s[i + 1])) {
                ++i;
                continue;
            }
            break;
        }
    }
    scan.end = i;
    return scan;
}

bool only_space_from(std::u32string_view s, std::size_t i) {
    for (; i < s.size(); ++i) {
        if (!is_space(s[i])) {
            return false;
        }
    }
    return true;
}

std::size_t skip_space(std::u32string_view s, std::size_t i) {
    while (i < s.size() && is_space(s[i])) {
        ++i;
    }
    return i;
}

Number number_of(std::u32string_view digits) {
    if (digits.empty()) {
        return Number{};
    }
    std::string ascii;
    ascii.reserve(digits.size());
    for (char32_t c : digits) {
        ascii += static_cast<char>(c);
    }
    return Number{ascii};
}

// ---------------------------------------------------------------------------------------------
// Ordering helpers: packaging's `_key` compares tuples in which missing parts are +/- infinity.

std::strong_ordering compare_segment(const Segment& a, const Segment& b) {
    if (auto c = a.letter.compare(b.letter); c != 0) {
        return c < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    return a.number <=> b.number;
}

// Numbers sort after strings; strings compare by code point (UTF-8 bytes keep that order).
std::strong_ordering compare_local_part(const LocalPart& a, const LocalPart& b) {
    if (a.numeric != b.numeric) {
        return a.numeric ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    if (a.numeric) {
        return Number{a.text} <=> Number{b.text};
    }
    const int c = a.text.compare(b.text);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

// -infinity / a value / +infinity.
enum class Rank { low = 0, value = 1, high = 2 };

std::string release_string(const std::vector<Number>& release) {
    std::string out;
    for (std::size_t i = 0; i < release.size(); ++i) {
        if (i > 0) {
            out += '.';
        }
        out += release[i].str();
    }
    return out;
}

// Raised where packaging raises InvalidVersion inside a specifier's comparison.
struct Unjudgeable {};

Version reparse(std::string_view text) {
    auto version = Version::parse(text);
    if (!version) {
        throw Unjudgeable{};
    }
    return *version;
}

} // namespace

// -------------------------------------------------------------------------------------------------

Number::Number(std::string_view digits) {
    const auto first = digits.find_first_not_of('0');
    digits_ =
        first == std::string_view::npos ? std::string("0") : std::string(digits.substr(first));
}

std::strong_ordering operator<=>(const Number& a, const Number& b) {
    if (a.digits_.size() != b.digits_.size()) {
        return a.digits_.size() <=> b.digits_.size();
    }
    const int c = a.digits_.compare(b.digits_);
    return c < 0 ? std::strong_ordering::less
                 : (c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal);
}

std::optional<Version> Version::parse(std::string_view text) {
    const auto decoded = decode_utf8(text);
    if (!decoded) {
        return std::nullopt;
    }
    const std::u32string_view s = *decoded;
    const auto scan = scan_version(s, skip_space(s, 0), Grammar{});
    if (!scan || !only_space_from(s, scan->end)) {
        return std::nullopt;
    }
    Version v;
    v.epoch_ = number_of(scan->epoch);
    for (auto part : scan->release) {
        v.release_.push_back(number_of(part));
    }
    if (scan->has_pre) {
        std::string letter = lower(scan->pre_letter);
        if (letter == "alpha") {
            letter = "a";
        } else if (letter == "beta") {
            letter = "b";
        } else if (letter == "c" || letter == "pre" || letter == "preview") {
            letter = "rc";
        }
        v.pre_ = Segment{letter, number_of(scan->pre_number)};
    }
    if (scan->has_post) {
        std::string letter = scan->post_letter.empty() ? "post" : lower(scan->post_letter);
        if (letter == "rev" || letter == "r") {
            letter = "post";
        }
        v.post_ = Segment{letter, number_of(scan->post_number)};
    }
    if (scan->has_dev) {
        v.dev_ = number_of(scan->dev_number);
    }
    if (scan->has_local) {
        std::vector<LocalPart> parts;
        for (auto part : scan->local) {
            const bool numeric = std::all_of(part.begin(), part.end(), is_digit);
            parts.push_back(numeric ? LocalPart{true, number_of(part).str()}
                                    : LocalPart{false, lower(part)});
        }
        v.local_ = std::move(parts);
    }
    return v;
}

std::string Version::public_str() const {
    std::string out;
    if (!epoch_.is_zero()) {
        out += epoch_.str() + "!";
    }
    out += release_string(release_);
    if (pre_) {
        out += pre_->letter + pre_->number.str();
    }
    if (post_) {
        out += ".post" + post_->number.str();
    }
    if (dev_) {
        out += ".dev" + dev_->str();
    }
    return out;
}

std::optional<std::string> Version::local_str() const {
    if (!local_) {
        return std::nullopt;
    }
    std::string out;
    for (std::size_t i = 0; i < local_->size(); ++i) {
        if (i > 0) {
            out += '.';
        }
        out += (*local_)[i].text;
    }
    return out;
}

std::string Version::str() const {
    std::string out = public_str();
    if (auto local = local_str()) {
        out += "+" + *local;
    }
    return out;
}

std::string Version::base_version() const {
    std::string out;
    if (!epoch_.is_zero()) {
        out += epoch_.str() + "!";
    }
    return out + release_string(release_);
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
    if (auto c = a.epoch_ <=> b.epoch_; c != 0) {
        return c;
    }
    // The release without its trailing zeros.
    auto trimmed = [](const std::vector<Number>& r) {
        std::size_t n = r.size();
        while (n > 0 && r[n - 1].is_zero()) {
            --n;
        }
        return n;
    };
    const std::size_t na = trimmed(a.release_), nb = trimmed(b.release_);
    for (std::size_t i = 0; i < std::min(na, nb); ++i) {
        if (auto c = a.release_[i] <=> b.release_[i]; c != 0) {
            return c;
        }
    }
    if (na != nb) {
        return na <=> nb;
    }
    // Pre: a dev release of a final version sorts before its pre-releases; no pre sorts last.
    auto pre_rank = [](const Version& v) {
        if (!v.pre_ && !v.post_ && v.dev_) {
            return Rank::low;
        }
        return v.pre_ ? Rank::value : Rank::high;
    };
    const Rank pa = pre_rank(a), pb = pre_rank(b);
    if (pa != pb) {
        return static_cast<int>(pa) <=> static_cast<int>(pb);
    }
    if (pa == Rank::value) {
        if (auto c = compare_segment(*a.pre_, *b.pre_); c != 0) {
            return c;
        }
    }
    // Post: none sorts first.
    if (a.post_.has_value() != b.post_.has_value()) {
        return a.post_.has_value() ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    if (a.post_) {
        if (auto c = compare_segment(*a.post_, *b.post_); c != 0) {
            return c;
        }
    }
    // Dev: none sorts last.
    if (a.dev_.has_value() != b.dev_.has_value()) {
        return a.dev_.has_value() ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    if (a.dev_) {
        if (auto c = *a.dev_ <=> *b.dev_; c != 0) {
            return c;
        }
    }
    // Local: none sorts first; then part by part, a shorter prefix first.
    if (a.local_.has_value() != b.local_.has_value()) {
        return a.local_.has_value() ? std::strong_ordering::greater : std::strong_ordering::less;
    }
    if (a.local_) {
        const auto& la = *a.local_;
        const auto& lb = *b.local_;
        for (std::size_t i = 0; i < std::min(la.size(), lb.size()); ++i) {
            if (auto c = compare_local_part(la[i], lb[i]); c != 0) {
                return c;
            }
        }
        return la.size() <=> lb.size();
    }
    return std::strong_ordering::equal;
}

std::string canonicalize_version(const Version& v, bool strip_trailing_zero) {
    std::string out;
    if (!v.epoch().is_zero()) {
        out += v.epoch().str() + "!";
    }
    std::size_t n = v.release().size();
    if (strip_trailing_zero) {
        // re.sub(r"(\.0)+$", "", release): the first component always stays.
        while (n > 1 && v.release()[n - 1].is_zero()) {
            --n;
        }
    }
    out += release_string(
        std::vector<Number>(v.release().begin(), v.release().begin() + static_cast<long>(n)));
    if (v.pre()) {
        out += v.pre()->letter + v.pre()->number.str();
    }
    if (v.post()) {
        out += ".post" + v.post()->number.str();
    }
    if (v.dev()) {
        out += ".dev" + v.dev()->str();
    }
    if (auto local = v.local_str()) {
        out += "+" + *local;
    }
    return out;
}

std::string canonicalize_version(std::string_view text, bool strip_trailing_zero) {
    const auto v = Version::parse(text);
    return v ? canonicalize_version(*v, strip_trailing_zero) : std::string(text);
}

std::string canonicalize_name(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const char c = name[i];
        if (c == '-' || c == '_' || c == '.') {
            while (i < name.size() && (name[i] == '-' || name[i] == '_' || name[i] == '.')) {
                ++i;
            }
            out += '-';
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        ++i;
    }
    return out;
}

// -------------------------------------------------------------------------------------------------
// Specifiers: packaging's Specifier._regex and its comparison methods, string operations
// included (the wildcard and ~= comparisons work on canonicalised strings, not on versions).

std::optional<Specifier> Specifier::parse(std::string_view text) {
    const auto decoded = decode_utf8(text);
    if (!decoded) {
        return std::nullopt;
    }
    const std::u32string_view s = *decoded;
    const std::size_t start = skip_space(s, 0);
    // The operator alternation in its order; "==" and "===", "<=" and "<" are retried as the
    // regular expression backtracks.
    static constexpr std::array<std::u32string_view, 8> ops = {U"~=", U"==", U"!=", U"<=",
                                                               U">=", U"<",  U">",  U"==="};
    for (auto op : ops) {
        if (s.substr(start, op.size()) != op) {
            continue;
        }
        const std::size_t after = start + op.size();
        const std::size_t vstart = skip_space(s, after);
        std::optional<std::size_t> end;
        if (op == U"===") {
            // (?<====) \s* [^\s;)]*
            std::size_t j = vstart;
            while (j < s.size() && !is_space(s[j]) && s[j] != U';' && s[j] != U')') {
                ++j;
            }
            end = j;
        } else {
            Grammar grammar;
            if (op == U"==" || op == U"!=") {
                grammar.wildcard = true;
            } else if (op == U"~=") {
                grammar.local = false;
                grammar.min_release = 2;
            } else {
                grammar.local = false;
            }
            if (auto scan = scan_version(s, vstart, grammar)) {
                end = scan->end;
            }
        }
        if (end && only_space_from(s, *end)) {
            Specifier spec;
            spec.op_ = encode(op);
            spec.version_ = encode(strip(s.substr(vstart, *end - vstart)));
            return spec;
        }
    }
    return std::nullopt;
}

namespace {

// packaging.specifiers._version_split: split on ".", and "1rc2" into "1", "rc2".
std::vector<std::string> version_split(std::string_view version) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (;;) {
        const auto dot = version.find('.', begin);
        const std::string_view item = version.substr(
            begin, dot == std::string_view::npos ? std::string_view::npos : dot - begin);
        // ^([0-9]+)((?:a|b|c|rc)[0-9]+)$
        std::size_t d = 0;
        while (d < item.size() && item[d] >= '0' && item[d] <= '9') {
            ++d;
        }
        bool split = false;
        if (d > 0 && d < item.size()) {
            std::size_t l = d;
            if (item.substr(l, 2) == "rc") {
                l += 2;
            } else if (item[l] == 'a' || item[l] == 'b' || item[l] == 'c') {
                l += 1;
            }
            if (l > d && l < item.size() &&
                std::all_of(item.begin() + static_cast<long>(l), item.end(),
                            [](char c) { return c >= '0' && c <= '9'; })) {
                out.emplace_back(item.substr(0, d));
                out.emplace_back(item.substr(d));
                split = true;
            }
        }
        if (!split) {
            out.emplace_back(item);
        }
        if (dot == std::string_view::npos) {
            break;
        }
        begin = dot + 1;
    }
    return out;
}

// str.isdigit() on what _version_split yields (ASCII digits; no other digit can occur there).
bool all_digits(const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_not_suffix(const std::string& segment) {
    for (std::string_view prefix : {"dev", "a", "b", "rc", "post"}) {
        if (segment.starts_with(prefix)) {
            return false;
        }
    }
    return true;
}

std::string public_of(const Version& v) {
    const std::string s = v.str();
    return s.substr(0, s.find('+'));
}

bool compare_equal(const Version& prospective, const std::string& spec) {
    if (spec.ends_with(".*")) {
        const auto split_prospective = version_split(canonicalize_version(public_of(prospective)));
        const auto split_spec = version_split(
            canonicalize_version(std::string_view(spec).substr(0, spec.size() - 2), false));
        // _pad_version(prospective, spec)[0], cut to the spec's length.
        std::size_t left_release = 0, right_release = 0;
        while (left_release < split_prospective.size() &&
               all_digits(split_prospective[left_release])) {
            ++left_release;
        }
        while (right_release < split_spec.size() && all_digits(split_spec[right_release])) {
            ++right_release;
        }
        std::vector<std::string> padded(
            split_prospective.begin(), split_prospective.begin() + static_cast<long>(left_release));
        for (std::size_t k = left_release; k < right_release; ++k) {
            padded.emplace_back("0");
        }
        padded.insert(padded.end(), split_prospective.begin() + static_cast<long>(left_release),
                      split_prospective.end());
        if (padded.size() > split_spec.size()) {
            padded.resize(split_spec.size());
        }
        return padded == split_spec;
    }
    const Version spec_version = reparse(spec);
    if (!spec_version.local()) {
        return reparse(public_of(prospective)) == spec_version;
    }
    return prospective == spec_version;
}

bool compare_ge(const Version& prospective, const std::string& spec) {
    return reparse(public_of(prospective)) >= reparse(spec);
}

bool compare_le(const Version& prospective, const std::string& spec) {
    return reparse(public_of(prospective)) <= reparse(spec);
}

bool compare_lt(const Version& prospective, const std::string& spec_text) {
    const Version spec = reparse(spec_text);
    if (!(prospective < spec)) {
        return false;
    }
    if (!spec.is_prerelease() && prospective.is_prerelease() &&
        reparse(prospective.base_version()) == reparse(spec.base_version())) {
        return false;
    }
    return true;
}

bool compare_gt(const Version& prospective, const std::string& spec_text) {
    const Version spec = reparse(spec_text);
    if (!(prospective > spec)) {
        return false;
    }
    if (!spec.is_postrelease() && prospective.is_postrelease() &&
        reparse(prospective.base_version()) == reparse(spec.base_version())) {
        return false;
    }
    if (prospective.local() &&
        reparse(prospective.base_version()) == reparse(spec.base_version())) {
        return false;
    }
    return true;
}

bool compare_compatible(const Version& prospective, const std::string& spec) {
    const auto split = version_split(spec);
    std::size_t keep = 0;
    while (keep < split.size() && is_not_suffix(split[keep])) {
        ++keep;
    }
    std::string prefix;
    for (std::size_t k = 0; k + 1 < keep; ++k) {
        if (k > 0) {
            prefix += '.';
        }
        prefix += split[k];
    }
    prefix += ".*";
    return compare_ge(prospective, spec) && compare_equal(prospective, prefix);
}

// str.lower() == str.lower(), with the lowering exact for every character that can appear in a
// version's normal form (see append_lower).
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    const auto da = decode_utf8(a);
    const auto db = decode_utf8(b);
    return da && db && lower(*da) == lower(*db);
}

} // namespace

Answer Specifier::prereleases() const {
    if (op_ != "==" && op_ != ">=" && op_ != "<=" && op_ != "~=" && op_ != "===") {
        return Answer::no;
    }
    std::string_view version = version_;
    if (op_ == "==" && version.ends_with(".*")) {
        version.remove_suffix(2);
    }
    const auto parsed = Version::parse(version);
    if (!parsed) {
        return Answer::error;
    }
    return parsed->is_prerelease() ? Answer::yes : Answer::no;
}

Answer Specifier::contains(const Version& version, bool allow_prereleases) const {
    if (version.is_prerelease() && !allow_prereleases) {
        return Answer::no;
    }
    try {
        bool result = false;
        if (op_ == "~=") {
            result = compare_compatible(version, version_);
        } else if (op_ == "==") {
            result = compare_equal(version, version_);
        } else if (op_ == "!=") {
            result = !compare_equal(version, version_);
        } else if (op_ == "<=") {
            result = compare_le(version, version_);
        } else if (op_ == ">=") {
            result = compare_ge(version, version_);
        } else if (op_ == "<") {
            result = compare_lt(version, version_);
        } else if (op_ == ">") {
            result = compare_gt(version, version_);
        } else { // ===
            result = equal_ignoring_case(version.str(), version_);
        }
        return result ? Answer::yes : Answer::no;
    } catch (const Unjudgeable&) {
        return Answer::error;
    }
}

std::string Specifier::canonical_key() const {
    return op_ + '\0' + canonicalize_version(version_, op_ != "~=");
}

std::optional<SpecifierSet> SpecifierSet::parse(std::string_view text) {
    SpecifierSet set;
    std::vector<std::string> keys;
    std::size_t begin = 0;
    for (;;) {
        const auto comma = text.find(',', begin);
        const std::string_view piece = text.substr(
            begin, comma == std::string_view::npos ? std::string_view::npos : comma - begin);
        const auto decoded = decode_utf8(piece);
        if (!decoded) {
            return std::nullopt;
        }
        const auto stripped = strip(*decoded);
        if (!stripped.empty()) {
            auto spec = Specifier::parse(encode(stripped));
            if (!spec) {
                return std::nullopt;
            }
            std::string key = spec->canonical_key();
            if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
                keys.push_back(std::move(key));
                set.clauses_.push_back(std::move(*spec));
            }
        }
        if (comma == std::string_view::npos) {
            break;
        }
        begin = comma + 1;
    }
    return set;
}

std::string SpecifierSet::str() const {
    std::vector<std::string> parts;
    for (const auto& clause : clauses_) {
        parts.push_back(clause.str());
    }
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += parts[i];
    }
    return out;
}

std::optional<Answer> SpecifierSet::prereleases() const {
    if (clauses_.empty()) {
        return std::nullopt;
    }
    bool error = false;
    for (const auto& clause : clauses_) {
        const Answer a = clause.prereleases();
        if (a == Answer::yes) {
            return Answer::yes;
        }
        error = error || a == Answer::error;
    }
    return error ? Answer::error : Answer::no;
}

Answer SpecifierSet::evaluate(const Version& version) const {
    const auto pre = prereleases();
    if (pre == Answer::error) {
        return Answer::error;
    }
    const bool allow = pre == Answer::yes;
    if (!allow && version.is_prerelease()) {
        return Answer::no;
    }
    bool error = false;
    for (const auto& clause : clauses_) {
        const Answer a = clause.contains(version, allow);
        if (a == Answer::no) {
            return Answer::no;
        }
        error = error || a == Answer::error;
    }
    return error ? Answer::error : Answer::yes;
}

} // namespace vigil::analysis::pep440

// PEP 440 versions and specifiers, and PEP 503 project names, exactly as Python's `packaging`
// 23.0 (Debian 12's python3-packaging) computes them: the same parse (its regular expressions,
// including their case folding and whitespace classes), the same normal form, the same total order
// (`Version._key`), and the same specifier semantics (`Specifier`/`SpecifierSet.contains` with
// prereleases=None). Where packaging 23.0 departs from the PEP text, this file follows packaging,
// because pip and pip-audit decide with it and a finding must agree with what pip would install:
// `==1!1.0.*` does not match 1!1.0.0 (prefix matching on canonicalised strings), `~=1.4.5c1`
// means ==1.4.5.* while `~=1.4.5rc1` means ==1.4.* (the prefix comes from the spelling), `<V`
// and `>V` never count as naming a pre-release, and an empty set admits no pre-release. Newer
// packaging releases changed some of this; the differential test pins the version it compares
// with, so moving to another one shows every difference.
// tests/pep440/ checks all of it against packaging itself on generated inputs.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::pep440 {

// A non-negative integer of any size (Python's int): its decimal digits, no leading zeros.
class Number {
public:
    Number() : digits_("0") {}
    // `digits`: ASCII digits, at least one; leading zeros are dropped.
    explicit Number(std::string_view digits);
    const std::string& str() const { return digits_; }
    bool is_zero() const { return digits_ == "0"; }
    friend std::strong_ordering operator<=>(const Number& a, const Number& b);
    friend bool operator==(const Number& a, const Number& b) = default;

private:
    std::string digits_;
};

// A pre- or post-release segment: its normalised letter and number. The letter is "a", "b" or "rc"
// for a pre-release and "post" for a post-release, except for the rare spellings whose non-ASCII
// letters Python's case-insensitive match accepts but does not lower to ASCII ("poſt").
struct Segment {
    std::string letter;
    Number number;
    friend bool operator==(const Segment&, const Segment&) = default;
};

// One part of a local version label: a number, or lower-case letters and digits.
struct LocalPart {
    bool numeric = false;
    std::string text; // the number's digits (no leading zeros) or the lowered string
    friend bool operator==(const LocalPart&, const LocalPart&) = default;
};

class Version {
public:
    // Nothing when `text` is not a valid version (packaging raises InvalidVersion). Surrounding
    // whitespace, a leading "v", case and the alternative spellings are accepted as PEP 440 says.
    static std::optional<Version> parse(std::string_view text);

    const Number& epoch() const { return epoch_; }
    const std::vector<Number>& release() const { return release_; }
    const std::optional<Segment>& pre() const { return pre_; }
    const std::optional<Segment>& post() const { return post_; }
    const std::optional<Number>& dev() const { return dev_; }
    const std::optional<std::vector<LocalPart>>& local() const { return local_; }

    std::string str() const;          // the normal form: str(Version)
    std::string public_str() const;   // without the local label: Version.public
    std::string base_version() const; // epoch and release: Version.base_version
    std::optional<std::string> local_str() const;

    bool is_prerelease() const { return pre_.has_value() || dev_.has_value(); }
    bool is_postrelease() const { return post_.has_value(); }
    bool is_devrelease() const { return dev_.has_value(); }

    // PEP 440's total order (packaging's `_key`): trailing zeros of the release do not count,
    // 1.0.dev0 < 1.0a0 < 1.0 < 1.0+local < 1.0.post0, local labels compare part by part.
    friend std::strong_ordering operator<=>(const Version& a, const Version& b);
    friend bool operator==(const Version& a, const Version& b) {
        return (a <=> b) == std::strong_ordering::equal;
    }

private:
    Number epoch_;
    std::vector<Number> release_;
    std::optional<Segment> pre_;
    std::optional<Segment> post_;
    std::optional<Number> dev_;
    std::optional<std::vector<LocalPart>> local_;
};

// packaging.utils.canonicalize_version: the normal form with trailing ".0"s of the release
// dropped (when `strip_trailing_zero`); a string that is not a version comes back unchanged.
std::string canonicalize_version(std::string_view text, bool strip_trailing_zero = true);
std::string canonicalize_version(const Version& version, bool strip_trailing_zero = true);

// PEP 503: runs of "-", "_" and "." become one "-", ASCII letters are lowered. (Python also lowers
// non-ASCII letters; no valid distribution name has any, PEP 508 names being ASCII.)
std::string canonicalize_name(std::string_view name);

// The answer to a question packaging answers by raising an exception in a few exotic cases (a
// `===` specifier whose text is not a version, asked whether it admits pre-releases).
enum class Answer { no, yes, error };

// One specifier clause: an operator and its version text, as written (the operand of `===` is
// any string).
class Specifier {
public:
    static std::optional<Specifier> parse(std::string_view text);

    const std::string& op() const { return op_; }
    const std::string& version() const { return version_; }
    std::string str() const { return op_ + version_; }

    // Whether the clause itself admits pre-releases: an inclusive operator (==, >=, <=, ~=, ===)
    // whose version is a pre-release (packaging's Specifier.prereleases).
    Answer prereleases() const;

    // Specifier.contains(version, prereleases): `allow_prereleases` false excludes every
    // pre-release; otherwise the operator decides.
    Answer contains(const Version& version, bool allow_prereleases) const;

    // The identity packaging uses to merge duplicates in a set: the operator and the
    // canonicalised version (trailing zeros kept for ~=).
    std::string canonical_key() const;

private:
    std::string op_;
    std::string version_;
};

// A comma-separated list of clauses (PEP 508's version specifier), as packaging's SpecifierSet.
//
// Pre-releases: contains() implements SpecifierSet.contains(version) with prereleases=None, the
// default pip and pip-audit use: a pre-release (a, b, rc or dev) is admitted only when some clause
// mentions a pre-release with an inclusive operator (">=1.0rc1", "==2.0b2", "~=1.0a1"); then every
// clause is tested with pre-releases allowed. With no clause at all, packaging 23.0 admits every
// final and post-release and no pre-release. PEP 440 also says a pre-release should be accepted
// when it is the only match; that is a rule of filter() over the versions of an index, not of
// contains(), and is left to callers that have such a list.
class SpecifierSet {
public:
    // Nothing when a clause is invalid. "" and ", ," are the empty set.
    static std::optional<SpecifierSet> parse(std::string_view text);

    // Clauses with duplicates (by Specifier::canonical_key) merged, the first kept.
    const std::vector<Specifier>& clauses() const { return clauses_; }
    bool empty() const { return clauses_.empty(); }

    // str(SpecifierSet): the clauses as written, sorted, joined with ",".
    std::string str() const;

    // SpecifierSet.prereleases: nothing for the empty set.
    std::optional<Answer> prereleases() const;

    // SpecifierSet.contains(version) with prereleases=None. Answer::error where packaging raises.
    Answer evaluate(const Version& version) const;
    // evaluate() == yes: a version packaging cannot judge is not contained.
    bool contains(const Version& version) const { return evaluate(version) == Answer::yes; }

private:
    std::vector<Specifier> clauses_;
};

} // namespace vigil::analysis::pep440

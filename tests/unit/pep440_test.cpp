// PEP 440 and PEP 503 by the examples of their texts (the normalisation, ordering and specifier
// sections). tests/pep440/ compares everything against packaging on generated inputs; these cases
// say, readably, what the PEP requires.
#include "analysis/dependencies/pep440.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace vigil::analysis::pep440;

namespace {

Version v(const char* text) {
    auto parsed = Version::parse(text);
    INFO(text);
    REQUIRE(parsed.has_value());
    return *parsed;
}

std::string normal(const char* text) {
    return v(text).str();
}

bool in(const char* specifiers, const char* version) {
    auto set = SpecifierSet::parse(specifiers);
    INFO(specifiers);
    REQUIRE(set.has_value());
    return set->contains(v(version));
}

} // namespace

TEST_CASE("PEP 440 normalisation: case, separators, spellings, leading v, whitespace", "[pep440]") {
    CHECK(normal("1.1RC1") == "1.1rc1");
    CHECK(normal("1.1a1") == "1.1a1");
    CHECK(normal("1.1.a1") == "1.1a1");
    CHECK(normal("1.1-a1") == "1.1a1");
    CHECK(normal("1.1_a1") == "1.1a1");
    CHECK(normal("1.0a.1") == "1.0a1");
    CHECK(normal("1.1alpha1") == "1.1a1");
    CHECK(normal("1.1beta2") == "1.1b2");
    CHECK(normal("1.1c3") == "1.1rc3");
    CHECK(normal("1.1pre3") == "1.1rc3");
    CHECK(normal("1.1preview3") == "1.1rc3");
    CHECK(normal("1.2a") == "1.2a0");
    CHECK(normal("1.2.post2") == "1.2.post2");
    CHECK(normal("1.2-post2") == "1.2.post2");
    CHECK(normal("1.2post2") == "1.2.post2");
    CHECK(normal("1.2.rev2") == "1.2.post2");
    CHECK(normal("1.2.r2") == "1.2.post2");
    CHECK(normal("1.0-r4") == "1.0.post4");
    CHECK(normal("1.2.post") == "1.2.post0");
    CHECK(normal("1.0-1") == "1.0.post1"); // implicit post release
    CHECK(normal("1.2.dev2") == "1.2.dev2");
    CHECK(normal("1.2-dev2") == "1.2.dev2");
    CHECK(normal("1.2dev2") == "1.2.dev2");
    CHECK(normal("1.2.dev") == "1.2.dev0");
    CHECK(normal("1.0+ubuntu-1") == "1.0+ubuntu.1");
    CHECK(normal("1.0+Ubuntu_1") == "1.0+ubuntu.1");
    CHECK(normal("1.0+ubuntu.01") == "1.0+ubuntu.1");
    CHECK(normal("v1.0") == "1.0");
    CHECK(normal("V1.0") == "1.0");
    CHECK(normal("  1.0\n") == "1.0");
    CHECK(normal("00") == "0");
    CHECK(normal("09.01") == "9.1");
    CHECK(normal("0!1.0") == "1.0");
    CHECK(normal("1!1.0") == "1!1.0");
    CHECK(normal("1.0RC1.POST2.DEV3+Local.7") == "1.0rc1.post2.dev3+local.7");
    CHECK(normal("123456789012345678901234567890") == "123456789012345678901234567890");
}

TEST_CASE("PEP 440: what is not a version", "[pep440]") {
    for (const char* text :
         {"",         "v",     "1.",     ".1",      "1..0",          "1.0+",
          "1.0+a..b", "1.0-",  "a1.0",   "1.0ab",   "1.0 1",         "1,0",
          "1.0.*",    "1!",    "1.0+-a", "1.0a1a2", "1.0.dev1.dev2", "1.0.post.post",
          "latest",   "2004d", "1.0+ü"}) {
        INFO(text);
        CHECK_FALSE(Version::parse(text).has_value());
    }
}

TEST_CASE("PEP 440 ordering: the PEP's own sequence, and release padding", "[pep440]") {
    // The order the PEP's "Summary of permitted suffixes and relative ordering" implies, with
    // local versions after their public version and before the next post-release.
    const std::vector<const char*> ordered = {
        "1.0.dev456",    "1.0a1",         "1.0a2.dev456", "1.0a12.dev456",
        "1.0a12",        "1.0b1.dev456",  "1.0b2",        "1.0b2.post345.dev456",
        "1.0b2.post345", "1.0rc1.dev456", "1.0rc1",       "1.0",
        "1.0+abc.5",     "1.0+abc.7",     "1.0+5",        "1.0.post456.dev34",
        "1.0.post456",   "1.0.15",        "1.1.dev1",     "1!0.1"};
    for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
        INFO(ordered[i] << " < " << ordered[i + 1]);
        CHECK(v(ordered[i]) < v(ordered[i + 1]));
        CHECK_FALSE(v(ordered[i + 1]) < v(ordered[i]));
    }
    CHECK(v("1.0") == v("1.0.0"));
    CHECK(v("1.0") == v("1.0.0.0"));
    CHECK(v("1.0a1") == v("1.0.0a1"));
    CHECK(v("1.0+ubuntu.1") == v("1.0+ubuntu-1"));
    CHECK(v("1.0+1") == v("1.0+01"));
    CHECK(v("1.0+a") < v("1.0+1"));   // numeric local parts sort after alphanumeric ones
    CHECK(v("1.0+a") < v("1.0+a.0")); // a longer label after its prefix
    CHECK(v("1.9") < v("1.10"));
    CHECK(v("99999999999999999999") < v("100000000000000000000"));
}

TEST_CASE("PEP 440 specifiers: comparison operators and local versions", "[pep440]") {
    CHECK(in("==1.0", "1.0.0"));
    CHECK(in("==1.0", "1.0+local")); // a specifier without a local label ignores local labels
    CHECK_FALSE(in("==1.0+local", "1.0"));
    CHECK(in("==1.0+local", "1.0+local"));
    CHECK_FALSE(in("!=1.0", "1.0+local"));
    CHECK(in("<=1.0", "1.0+local"));
    CHECK(in(">=1.0", "1.0+local"));
    CHECK(in(">1.7", "1.7.1"));
    CHECK_FALSE(in(">1.7", "1.7.0.post1")); // > excludes post-releases of the given version
    CHECK(in(">1.7.post2", "1.7.1"));
    CHECK(in(">1.7.post2", "1.7.0.post3"));
    CHECK_FALSE(in(">1.7", "1.7+local"));
    CHECK(in("<1.7", "1.6.9+local"));
    CHECK(in(">=1.0,<2.0", "1.5"));
    CHECK_FALSE(in(">=1.0,<2.0", "2.0"));
    CHECK_FALSE(in(">=1.0,!=1.5", "1.5"));
}

TEST_CASE("PEP 440 specifiers: wildcards, compatible release, arbitrary equality", "[pep440]") {
    CHECK(in("==1.1.*", "1.1"));
    CHECK(in("==1.1.*", "1.1.post1"));
    CHECK(in("==1.1.*", "1.1.5"));
    CHECK_FALSE(in("==1.1.*", "1.10"));
    CHECK_FALSE(in("==1.1.*", "1.2"));
    CHECK(in("==1.1.*", "1.1.5+local")); // the local label is ignored by prefix matching
    CHECK_FALSE(in("!=1.1.*", "1.1.5"));
    CHECK(in("!=1.1.*", "1.2"));
    // ~=2.2 is >=2.2, ==2.*; ~=1.4.5 is >=1.4.5, ==1.4.*.
    CHECK(in("~=2.2", "2.2"));
    CHECK(in("~=2.2", "2.9"));
    CHECK_FALSE(in("~=2.2", "3.0"));
    CHECK_FALSE(in("~=2.2", "2.1"));
    CHECK(in("~=1.4.5", "1.4.9"));
    CHECK_FALSE(in("~=1.4.5", "1.5.0"));
    CHECK(in("~=2.2.post3", "2.3"));
    CHECK_FALSE(in("~=2.2.post3", "3.0"));
    CHECK(in("~=1.4.5a4", "1.4.5"));
    CHECK_FALSE(in("~=1.4.5a4", "1.5"));
    CHECK(in("===1.0", "1.0"));
    CHECK_FALSE(in("===1.0", "1.0.0"));                  // arbitrary equality compares strings
    CHECK_FALSE(SpecifierSet::parse("~=1").has_value()); // ~= needs two release segments
    CHECK_FALSE(SpecifierSet::parse("<1.0.*").has_value());
    CHECK_FALSE(SpecifierSet::parse(">=1.0+local").has_value());
    CHECK_FALSE(SpecifierSet::parse("=1.0").has_value());
    CHECK(SpecifierSet::parse("===anything-at-all").has_value());
}

TEST_CASE("PEP 440 specifiers: pre-releases are excluded unless a clause names one", "[pep440]") {
    CHECK_FALSE(in(">=1.0", "2.0a1"));
    CHECK(in(">=1.0a1", "2.0a1")); // an inclusive clause naming a pre-release admits them
    CHECK(in(">=1.0,>=1.0a1", "1.5.dev1"));
    CHECK_FALSE(in(">1.0a1", "2.0a1"));   // `>` does not count: it is not inclusive
    CHECK_FALSE(in("<2.0", "2.0rc1"));    // and < never admits a pre-release of its own version
    CHECK_FALSE(in("<2.0rc2", "2.0rc1")); // `<` names a pre-release but is not inclusive
    CHECK(in("<2.0rc2,>=2.0rc1", "2.0rc1"));
    CHECK(in("==2.0rc1", "2.0rc1"));
    CHECK(in("==1.*,>=1.0.dev0", "1.5.dev1"));
    CHECK_FALSE(in("", "1.0a1")); // packaging 23.0: the empty set admits no pre-release
    CHECK(in("", "1.0.post1"));
    CHECK(in("", "1.0"));
    CHECK(SpecifierSet::parse(">=1.0a1,<2")->prereleases() == Answer::yes);
    CHECK(SpecifierSet::parse(">=1.0,<2")->prereleases() == Answer::no);
    CHECK_FALSE(SpecifierSet::parse("")->prereleases().has_value());
}

TEST_CASE("PEP 440 specifier sets: normal form and duplicate clauses", "[pep440]") {
    CHECK(SpecifierSet::parse(" >=1.0 , <2 ,, ")->str() == "<2,>=1.0");
    CHECK(SpecifierSet::parse("==1.0,==1.0.0")->clauses().size() == 1);
    CHECK(SpecifierSet::parse("==1.0,==1.0.0")->str() == "==1.0");
    CHECK(SpecifierSet::parse(">= 1.0")->str() == ">=1.0");
    CHECK_FALSE(SpecifierSet::parse(">=1.0,junk").has_value());
}

TEST_CASE("PEP 503 name normalisation", "[pep440]") {
    CHECK(canonicalize_name("Friendly-Bard") == "friendly-bard");
    CHECK(canonicalize_name("FRIENDLY-BARD") == "friendly-bard");
    CHECK(canonicalize_name("friendly.bard") == "friendly-bard");
    CHECK(canonicalize_name("friendly_bard") == "friendly-bard");
    CHECK(canonicalize_name("friendly--bard") == "friendly-bard");
    CHECK(canonicalize_name("FrIeNdLy-._.-bArD") == "friendly-bard");
    CHECK(canonicalize_name("zope.interface") == "zope-interface");
}

TEST_CASE("canonicalize_version drops trailing zeros unless asked not to", "[pep440]") {
    CHECK(canonicalize_version("1.0.0") == "1");
    CHECK(canonicalize_version("1.0.0", false) == "1.0.0");
    CHECK(canonicalize_version("1.10.0a1") == "1.10a1");
    CHECK(canonicalize_version("0.0") == "0");
    CHECK(canonicalize_version("not a version") == "not a version");
}

TEST_CASE("packaging 23.0's departures from the PEP text, followed on purpose", "[pep440]") {
    // Prefix matching works on canonicalised strings split at dots, so an epoch sticks to the first
    // release number and trailing zeros are gone: 1!1.0.0 is "1!1", shorter than "1!1.0".
    CHECK_FALSE(in("==1!1.0.*", "1!1.0.0"));
    CHECK(in("==1!1.0.*", "1!1.0.5"));
    // ~= takes its prefix from the specifier as written: "c1" is not recognised as a pre-release
    // suffix there (only a, b, rc, dev, post are), so ~=1.4.5c1 means ==1.4.5.* and not ==1.4.*.
    CHECK_FALSE(in("~=1.4.5c1", "1.4.9"));
    CHECK(in("~=1.4.5rc1", "1.4.9"));
}

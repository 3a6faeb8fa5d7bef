// B613: bidirectional control characters in the source (Trojan Source, CVE-2021-42574).
#include "analysis/rule_context.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"module"};

struct Control {
    std::string_view utf8;
    std::string_view name;
};

// U+202A-U+202E, U+2066-U+2069 and U+200F, as Bandit lists them.
constexpr std::array<Control, 10> controls = {{
    {"\xE2\x80\xAA", "U+202A LEFT-TO-RIGHT EMBEDDING"},
    {"\xE2\x80\xAB", "U+202B RIGHT-TO-LEFT EMBEDDING"},
    {"\xE2\x80\xAC", "U+202C POP DIRECTIONAL FORMATTING"},
    {"\xE2\x80\xAD", "U+202D LEFT-TO-RIGHT OVERRIDE"},
    {"\xE2\x80\xAE", "U+202E RIGHT-TO-LEFT OVERRIDE"},
    {"\xE2\x81\xA6", "U+2066 LEFT-TO-RIGHT ISOLATE"},
    {"\xE2\x81\xA7", "U+2067 RIGHT-TO-LEFT ISOLATE"},
    {"\xE2\x81\xA8", "U+2068 FIRST STRONG ISOLATE"},
    {"\xE2\x81\xA9", "U+2069 POP DIRECTIONAL ISOLATE"},
    {"\xE2\x80\x8F", "U+200F RIGHT-TO-LEFT MARK"},
}};

void check(TSNode, RuleContext& context) {
    const std::string_view text = context.model().text();
    for (std::size_t at = text.find('\xE2'); at != std::string_view::npos;
         at = text.find('\xE2', at + 1)) {
        const std::string_view candidate = text.substr(at, 3);
        for (const Control& control : controls) {
            if (candidate != control.utf8) {
                continue;
            }
            context.report(
                at, at + 3,
                {.message = "A Python source file contains bidirectional control characters (" +
                            std::string(control.name) + ").",
                 .fixes = {Fix{.title = "Remove the bidirectional control character",
                               .applicability = Applicability::Unsafe,
                               .edits = {TextEdit{at, at + 3, ""}}}}});
            break;
        }
    }
}

} // namespace

extern const Rule trojansource{
    {
        .code = "B613",
        .name = "trojan-source",
        .bandit_name = "trojansource",
        .ruff_code = "",
        .cwe = 838,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags Unicode bidirectional control characters (U+202A-U+202E, "
                        "U+2066-U+2069, U+200F) anywhere in a file: code, comments and strings.",
                .why = "They reorder how text is displayed, so code can look different from "
                       "what runs: a comment that seems to end before a statement can contain "
                       "it, a string can seem to close early (\"Trojan Source\", "
                       "CVE-2021-42574).",
                .example = "The line below holds U+202E and U+2066 (shown here as `<RLO>` "
                           "and `<LRI>`); an editor shows the `if` as comparing with `\"none\"` "
                           "while it compares with a longer string:\n\n```python\nif "
                           "access_level != \"none<RLO><LRI>\":  # Check if admin<PDI><LRI>\n"
                           "    grant()\n```",
                .use_instead = "Remove the characters. Where right-to-left text is really "
                               "needed in a string, write it with escapes (`\"\\u202e\"`) so "
                               "that it is visible.",
                .references = "- https://trojansource.codes/\n"
                              "- https://nvd.nist.gov/vuln/detail/CVE-2021-42574\n"
                              "- https://cwe.mitre.org/data/definitions/838.html",
                .vs_bandit = "Bandit reports only the first such character of a file; Vigil "
                             "reports each one, on the character itself, with an unsafe fix "
                             "that removes it (unsafe: inside a string it changes the value). "
                             "Ruff has no S rule for it (PLE2502 is the equivalent).",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

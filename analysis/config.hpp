// Which rules run and with which options. Built from pyproject.toml ([tool.vigil], or Bandit's
// settings where a project has only those) and editor settings; immutable during an analysis.
#pragma once

#include "analysis/finding.hpp"
#include "analysis/rule.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::analysis {

// Options of individual rules, with their defaults (Bandit's where Bandit has the option).
struct RuleOptions {
    // B602-B607, B609 (Bandit's `shell_injection` section).
    std::vector<std::string> subprocess_functions = {"subprocess.Popen", "subprocess.call",
                                                     "subprocess.check_call",
                                                     "subprocess.check_output", "subprocess.run"};
    std::vector<std::string> shell_functions = {"os.system",
                                                "os.popen",
                                                "os.popen2",
                                                "os.popen3",
                                                "os.popen4",
                                                "popen2.popen2",
                                                "popen2.popen3",
                                                "popen2.popen4",
                                                "popen2.Popen3",
                                                "popen2.Popen4",
                                                "commands.getoutput",
                                                "commands.getstatusoutput",
                                                "subprocess.getoutput",
                                                "subprocess.getstatusoutput"};
    std::vector<std::string> no_shell_functions = {
        "os.execl",  "os.execle",  "os.execlp",  "os.execlpe",  "os.execv",    "os.execve",
        "os.execvp", "os.execvpe", "os.spawnl",  "os.spawnle",  "os.spawnlp",  "os.spawnlpe",
        "os.spawnv", "os.spawnve", "os.spawnvp", "os.spawnvpe", "os.startfile"};
    // B108.
    std::vector<std::string> tmp_dirs = {"/tmp", "/var/tmp", "/dev/shm"};
    // B101: file name globs where asserts are expected (tests). Unset, the profile decides: the
    // default profile skips `default_assert_skips`; the bandit profile, like Bandit, skips none.
    std::optional<std::vector<std::string>> assert_skips;
    // B110 / B112: also flag handlers for specific exception types.
    bool check_typed_exception = false;
    // B704 (Bandit's `markupsafe_xss` section): more functions that act like Markup, and calls
    // whose results may be passed to them (qualified names).
    std::vector<std::string> extend_markup_names = {};
    std::vector<std::string> allowed_markup_calls = {};
    // B113: the seconds its quick fix writes as `timeout=`.
    double request_timeout = 60;

    // --- B5xx, B105-B107 options (kept together) ---
    // B502 / B503 (Bandit's `ssl_with_bad_version` section).
    std::vector<std::string> bad_protocol_versions = {
        "PROTOCOL_SSLv2", "SSLv2_METHOD", "SSLv23_METHOD",    "PROTOCOL_SSLv3", "PROTOCOL_TLSv1",
        "SSLv3_METHOD",   "TLSv1_METHOD", "PROTOCOL_TLSv1_1", "TLSv1_1_METHOD"};
    // B105-B107: regular expressions, each matched case-insensitively against a whole
    // `_`-separated part of a name (Bandit's RE_WORDS, split at its alternatives).
    std::vector<std::string> password_words = {"pas+wo?r?d", "pass(phrase)?", "pwd", "token",
                                               "secrete?"};
    // B505 (Bandit's `weak_cryptographic_key` section): key sizes below `_high` are HIGH
    // severity, below `_medium` MEDIUM.
    int weak_key_size_dsa_high = 1024;
    int weak_key_size_dsa_medium = 2048;
    int weak_key_size_rsa_high = 1024;
    int weak_key_size_rsa_medium = 2048;
    int weak_key_size_ec_high = 160;
    int weak_key_size_ec_medium = 224;

    // --- Data flow (VG3xx) ---
    // Which kinds of untrusted data the flow rules follow: "remote" (requests, sockets,
    // responses), "local" (command line, standard input), "environment".
    std::vector<std::string> flow_sources = {"remote"};
    // Qualified names the user adds: what reads untrusted data (remote), what makes any value
    // safe, and per sink kind ("sql", "command", "path" ...) what does harm with it.
    std::vector<std::string> taint_sources = {};
    std::vector<std::string> taint_sanitizers = {};
    std::vector<std::pair<std::string, std::vector<std::string>>> taint_sinks = {};
};

// B101's skips in the default profile when none are configured.
inline const std::vector<std::string> default_assert_skips = {"*_test.py", "test_*.py", "*/tests/*",
                                                              "*/test/*", "conftest.py"};

enum class ProfileName { Default, Bandit };

// "default" or "bandit", in any case; nullopt for anything else.
std::optional<ProfileName> profile_from_name(std::string_view name);

// "B101,B102", "B101, B102" or "B101 B102" (INI, CLI and editor style) -> {"B101", "B102"}.
std::vector<std::string> split_list(std::string_view text);

struct Config {
    ProfileName profile = ProfileName::Default;
    // Codes or prefixes ("B6", "B602", ruff's "S602", "ALL"). The most specific selector wins;
    // on a tie, ignore wins. An empty `select` means "the profile's rules".
    std::vector<std::string> select;
    std::vector<std::string> ignore;
    // Glob (matched against the path, or its file name when the glob has no '/') -> codes.
    std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
    Level min_severity = Level::Undefined;
    Level min_confidence = Level::Undefined;
    RuleOptions options;
    // Skip checks in files without their Rule::text_markers. Off only in the test that checks the
    // markers never change a finding.
    bool use_text_markers = true;

    // Whether `rule` runs on the file at `path`.
    bool enables(const RuleInfo& rule, std::string_view path) const;
    // Whether a finding is at or above the thresholds.
    bool reports(const Finding& finding) const;
};

// Whether a selector names the rule: "ALL", a prefix of its code, or of its ruff alias.
bool selector_matches(std::string_view selector, const RuleInfo& rule);

// fnmatch-style glob over a path ('*' also crosses '/'; a glob without '/' matches the file name).
bool path_matches_glob(std::string_view path, std::string_view glob);

} // namespace vigil::analysis

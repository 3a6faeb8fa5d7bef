#include "analysis/analyzer.hpp"
#include "analysis/config_loader.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace vigil::analysis;
namespace fs = std::filesystem;

namespace {

const RuleInfo& info(std::string_view code) {
    const Rule* rule = find_rule(code);
    REQUIRE(rule != nullptr);
    return rule->info;
}

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("vigil-config-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)) + "-" +
                std::to_string(std::rand()));
        fs::create_directories(path);
    }
    ~TempDir() { fs::remove_all(path); }
    void write(const std::string& relative, const std::string& text) const {
        fs::create_directories((path / relative).parent_path());
        std::ofstream(path / relative, std::ios::binary) << text;
    }
};

std::vector<std::string> codes_found(const std::string& text, const Config& config,
                                     const std::string& path = "app.py") {
    auto parser = vigil::syntax::make_python_parser();
    auto tree = vigil::syntax::parse_python(parser.get(), text);
    std::vector<std::string> codes;
    for (const auto& finding : analyze(text, tree.get(), path, config)) {
        codes.push_back(finding.code);
    }
    return codes;
}

} // namespace

TEST_CASE("selection: the most specific selector wins, ignore wins a tie, ruff aliases work") {
    Config config;
    CHECK(config.enables(info("B602"), "a.py"));
    config.ignore = {"B6"};
    CHECK_FALSE(config.enables(info("B602"), "a.py"));
    config.select = {"B602"};
    CHECK(config.enables(info("B602"), "a.py")); // B602 is more specific than B6
    config.select = {"S6"};
    CHECK_FALSE(config.enables(info("B602"), "a.py")); // tie: ignore wins
    config.select = {"ALL"};
    config.ignore = {"S307"};
    CHECK_FALSE(config.enables(info("B307"), "a.py"));
    CHECK(config.enables(info("B102"), "a.py"));
}

TEST_CASE("an opt-in rule runs only when a selector names its full code") {
    RuleInfo rule = info("VG242");
    rule.profiles = ProfileOptIn;
    Config config;
    CHECK_FALSE(config.enables(rule, "a.py"));
    config.profile = ProfileName::Bandit;
    CHECK_FALSE(config.enables(rule, "a.py"));
    config.select = {"ALL"};
    CHECK_FALSE(config.enables(rule, "a.py"));
    config.select = {"VG", "VG2"};
    CHECK_FALSE(config.enables(rule, "a.py"));
    config.select = {"vg242"};
    CHECK(config.enables(rule, "a.py"));
    config.ignore = {"VG2"};
    CHECK(config.enables(rule, "a.py")); // the full code is more specific
    config.ignore = {"VG242"};
    CHECK_FALSE(config.enables(rule, "a.py"));
    CHECK(codes_found("open(p)\n", config).empty());
    config.ignore = {};
    CHECK(codes_found("open(p)\n", config) == std::vector<std::string>{"VG242"});
}

TEST_CASE("per-file ignores match by glob, on the file name when the glob has no slash") {
    Config config;
    config.per_file_ignores = {{"tests/*.py", {"B307"}}, {"conftest.py", {"B102"}}};
    CHECK_FALSE(config.enables(info("B307"), "/repo/tests/test_x.py"));
    CHECK(config.enables(info("B307"), "/repo/src/x.py"));
    CHECK_FALSE(config.enables(info("B102"), "/repo/deep/conftest.py"));
    CHECK(codes_found("eval(x)\n", config, "/repo/tests/test_x.py").empty());
    CHECK(codes_found("eval(x)\n", config, "/repo/src/x.py") == std::vector<std::string>{"B307"});
}

TEST_CASE("[tool.vigil] is read with every key") {
    const auto loaded = parse_pyproject(R"(
[tool.vigil]
profile = "bandit"
select = ["B3", "B602"]
ignore = ["B307"]
severity = "medium"
confidence = "high"
exclude = ["build"]
unknown = 1
[tool.vigil.per-file-ignores]
"tests/*" = ["B101"]
[tool.vigil.options]
shell = ["mylib.run_shell"]
tmp-dirs = ["/scratch"]
check-typed-exception = true
)",
                                        "/p/pyproject.toml");
    REQUIRE_FALSE(loaded.error);
    CHECK(loaded.kind == LoadedConfig::Kind::Vigil);
    CHECK(loaded.config.profile == ProfileName::Bandit);
    CHECK(loaded.config.select == std::vector<std::string>{"B3", "B602"});
    CHECK(loaded.config.ignore == std::vector<std::string>{"B307"});
    CHECK(loaded.config.min_severity == Level::Medium);
    CHECK(loaded.config.min_confidence == Level::High);
    CHECK(loaded.exclude == std::vector<std::string>{"build"});
    REQUIRE(loaded.config.per_file_ignores.size() == 1);
    CHECK(loaded.config.per_file_ignores[0].first == "tests/*");
    CHECK(loaded.config.options.shell_functions == std::vector<std::string>{"mylib.run_shell"});
    CHECK(loaded.config.options.tmp_dirs == std::vector<std::string>{"/scratch"});
    CHECK(loaded.config.options.check_typed_exception);
    REQUIRE(loaded.warnings.size() == 1);
    CHECK(loaded.warnings[0] == "unknown key tool.vigil.unknown");
}

TEST_CASE("thresholds drop findings below them") {
    Config config;
    config.min_severity = Level::High;
    // B307 is MEDIUM; B602 with a variable command is HIGH.
    CHECK(codes_found("import subprocess\neval(x)\nsubprocess.run(c, shell=True)\n", config) ==
          std::vector<std::string>{"B602"});
}

TEST_CASE("a project with only Bandit's settings gets them, with Bandit's checks") {
    const auto loaded = parse_pyproject(R"(
[tool.bandit]
skips = ["B307"]
exclude_dirs = ["tests"]
[tool.bandit.shell_injection]
subprocess = ["mylib.run"]
)",
                                        "/p/pyproject.toml");
    CHECK(loaded.kind == LoadedConfig::Kind::Bandit);
    CHECK(loaded.config.profile == ProfileName::Bandit);
    CHECK(loaded.config.ignore == std::vector<std::string>{"B307"});
    CHECK(loaded.exclude == std::vector<std::string>{"tests"});
    CHECK(loaded.config.options.subprocess_functions == std::vector<std::string>{"mylib.run"});
    CHECK(codes_found("import mylib\nmylib.run(c, shell=True)\neval(x)\n", loaded.config) ==
          std::vector<std::string>{"B602"});

    const auto ini = parse_bandit_ini("[bandit]\nskips = B101,B307\ntests: B602\nexclude = a, b\n",
                                      "/p/.bandit");
    CHECK(ini.kind == LoadedConfig::Kind::Bandit);
    CHECK(ini.config.ignore == std::vector<std::string>{"B101", "B307"});
    CHECK(ini.config.select == std::vector<std::string>{"B602"});
    CHECK(ini.exclude == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a broken file gives one error with its line, and the defaults") {
    const auto loaded =
        parse_pyproject("[tool.vigil]\nselect = [\"B6\"\nignore = 3\n", "/p/pyproject.toml");
    REQUIRE(loaded.error);
    CHECK(loaded.error->path == "/p/pyproject.toml");
    CHECK(loaded.error->line >= 2);
    CHECK(loaded.error->message.rfind("invalid TOML", 0) == 0);
    CHECK(loaded.config.select.empty());
    CHECK(loaded.config.profile == ProfileName::Default);
    const auto ini = parse_bandit_ini("[bandit\nskips = B1\n", "/p/.bandit");
    REQUIRE(ini.error);
    CHECK(ini.error->line == 1);
}

TEST_CASE("TOML that toml++ cannot take safely is a broken file, not a crash",
          "[config][robustness]") {
    // 50,000 dotted keys in a table header overflowed the stack inside toml++ 3.3.
    std::string dotted = "[";
    for (int i = 0; i < 50000; ++i) {
        dotted += "a.";
    }
    dotted += "b]\nx = 1\n";
    const std::string arrays = "x = " + std::string(10000, '[') + std::string(10000, ']') + "\n";
    std::string tables = "x = ";
    for (int i = 0; i < 10000; ++i) {
        tables += "{a = ";
    }
    tables += "1" + std::string(10000, '}') + "\n";
    std::string dotted_key = "x";
    for (int i = 0; i < 50000; ++i) {
        dotted_key += ".x";
    }
    dotted_key += " = 1\n";
    // toml++ 3.3.0 reaches __builtin_unreachable on these non-ASCII bytes outside strings (seen
    // under UBSan); TOML allows non-ASCII only in strings and comments.
    for (const std::string& text :
         {dotted, arrays, tables, dotted_key, std::string("\xC3\xA9 = 1\n"),
          std::string("[\xC3\xA9]\n"), std::string("x = 1e\xC3\xA9\n")}) {
        const auto loaded =
            parse_pyproject("[tool.vigil]\nignore = [\"B307\"]\n" + text, "/p/pyproject.toml");
        REQUIRE(loaded.error);
        CHECK(loaded.error->line == 3);
        CHECK(loaded.error->message.find("using the default configuration") != std::string::npos);
        CHECK(loaded.config.ignore.empty());
    }
    // What real files hold is fine: dotted keys, nested arrays and tables, and any number of
    // brackets and dots in strings and comments.
    const std::string many(100, '[');
    const std::string dots =
        "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i."
        "j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q";
    const auto fine = parse_pyproject(
        "[tool.vigil]   # " + many + dots + "\nselect = [\"B6\", \"" + many + "\"]\nignore = ['" +
            dots + "\"']\n" + "[tool.vigil.per-file-ignores]\n\"" + dots +
            "\" = []\n[tool.other]  # \xC3\xA9\nx = [[[[1]]], {a = {b = [2]}}]\nz = '\xC3\xA9'\n"
            "y = \"\"\"\n" +
            many + "\n\"\"\"\n",
        "/p/pyproject.toml");
    CHECK_FALSE(fine.error);
    CHECK(fine.config.select.size() == 2);
    CHECK(fine.config.ignore.size() == 1);
}

TEST_CASE("bad values for the main settings are errors, through the broken-file path",
          "[config][robustness]") {
    for (const auto& [line, key] :
         {std::pair{"severity = \"hihg\"", "severity"},
          std::pair{"confidence = \"sure\"", "confidence"},
          std::pair{"profile = \"bandt\"", "profile"}, std::pair{"select = [602]", "select"},
          std::pair{"ignore = [\"B1\", 3]", "ignore"}, std::pair{"severity = 3", "severity"}}) {
        const auto loaded =
            parse_pyproject(std::string("[tool.vigil]\nexclude = [\"build\"]\n\n") + line + "\n",
                            "/p/pyproject.toml");
        INFO(line);
        REQUIRE(loaded.error);
        CHECK(loaded.error->line == 4);
        CHECK(loaded.error->message.rfind(key, 0) == 0);
        CHECK(loaded.config.profile == ProfileName::Default); // the defaults apply
        CHECK(loaded.exclude.empty());
    }
}

TEST_CASE("discovery: the nearest settings win, [tool.vigil] first, edits are seen") {
    TempDir root;
    root.write("pyproject.toml", "[tool.vigil]\nignore = [\"B307\"]\n");
    root.write("pkg/pyproject.toml", "[project]\nname = \"pkg\"\n"); // no tool table: keep looking
    root.write("pkg/sub/mod.py", "");
    root.write("legacy/.bandit", "[bandit]\nskips = B102\n");
    root.write("both/pyproject.toml", "[tool.vigil]\nignore = [\"B1\"]\n");
    root.write("both/.bandit", "[bandit]\nskips = B102\n");
    ConfigLoader loader;

    auto loaded = loader.for_file(root.path / "pkg/sub/mod.py");
    CHECK(loaded.kind == LoadedConfig::Kind::Vigil);
    CHECK(loaded.source == (root.path / "pyproject.toml").string());
    CHECK(loaded.config.ignore == std::vector<std::string>{"B307"});

    // A sub-project configured only for Bandit keeps its Bandit settings.
    loaded = loader.for_file(root.path / "legacy/mod.py");
    CHECK(loaded.kind == LoadedConfig::Kind::Bandit);
    CHECK(loaded.config.ignore == std::vector<std::string>{"B102"});

    // In one directory, [tool.vigil] comes before .bandit.
    loaded = loader.for_file(root.path / "both/mod.py");
    CHECK(loaded.kind == LoadedConfig::Kind::Vigil);
    CHECK(loaded.config.ignore == std::vector<std::string>{"B1"});

    // Edits are seen (the cache checks modification time and size).
    root.write("pyproject.toml", "[project]\nname = \"root\"\n# no settings any more\n");
    loaded = loader.for_file(root.path / "pkg/sub/mod.py");
    CHECK(loaded.kind == LoadedConfig::Kind::Defaults);

    // A broken pyproject.toml on the way up: defaults, and the error names it.
    root.write("pkg/pyproject.toml", "[tool.vigil\n");
    loaded = loader.for_file(root.path / "pkg/sub/mod.py");
    REQUIRE(loaded.error);
    CHECK(loaded.error->path == (root.path / "pkg/pyproject.toml").string());
    CHECK(loaded.config.ignore.empty());
    CHECK(loader.error_in(root.path / "pkg/pyproject.toml"));
    CHECK_FALSE(loader.error_in(root.path / "pyproject.toml"));
}

TEST_CASE("discovery is remembered per directory; new files are seen after forget_directories") {
    TempDir root;
    root.write("pyproject.toml", "[tool.vigil]\nignore = [\"B307\"]\n");
    root.write("app/mod.py", "");
    ConfigLoader loader;
    CHECK(loader.for_file(root.path / "app/mod.py").source ==
          (root.path / "pyproject.toml").string());

    // A file created closer to the module is not looked for on every analysis...
    root.write("app/.bandit", "[bandit]\nskips = B102\n");
    CHECK(loader.for_file(root.path / "app/mod.py").kind == LoadedConfig::Kind::Vigil);
    // ...but after the server hears of it (didChangeWatchedFiles).
    loader.forget_directories();
    CHECK(loader.for_file(root.path / "app/mod.py").kind == LoadedConfig::Kind::Bandit);

    // Removing the deciding file falls back to the next one up, without being told.
    fs::remove(root.path / "app/.bandit");
    CHECK(loader.for_file(root.path / "app/mod.py").kind == LoadedConfig::Kind::Vigil);
}

TEST_CASE("overrides from the editor add to ignore, or replace the whole selection") {
    Config config;
    config.ignore = {"B101"};
    apply_overrides(config, {.ignore = {"B307"}});
    CHECK(config.ignore == std::vector<std::string>{"B101", "B307"});
    config.ignore = {"B101"};
    apply_overrides(config, {.profile = ProfileName::Bandit,
                             .select = {"B6"},
                             .ignore = {"B602"},
                             .min_severity = Level::Low,
                             .min_confidence = std::nullopt});
    CHECK(config.profile == ProfileName::Bandit);
    CHECK(config.select == std::vector<std::string>{"B6"});
    CHECK(config.ignore == std::vector<std::string>{"B602"});
    CHECK(config.min_severity == Level::Low);
}

TEST_CASE(
    "B704's markup names and trusted calls come from [tool.vigil.options] or markupsafe_xss") {
    const std::string code = "import webhelpers.html\nimport bleach\n"
                             "a = webhelpers.html.literal(user)\n"
                             "b = webhelpers.html.literal(bleach.clean(user))\n";
    CHECK(codes_found(code, Config{}).empty());

    const auto vigil = parse_pyproject(R"([tool.vigil.options]
extend-markup-names = ["webhelpers.html.literal"]
allowed-markup-calls = ["bleach.clean"]
)",
                                       "/p/pyproject.toml");
    CHECK(vigil.warnings.empty());
    CHECK(vigil.config.options.extend_markup_names ==
          std::vector<std::string>{"webhelpers.html.literal"});
    CHECK(codes_found(code, vigil.config) == std::vector<std::string>{"B704"});

    const auto bandit = parse_pyproject(R"([tool.bandit.markupsafe_xss]
extend_markup_names = ["webhelpers.html.literal"]
allowed_calls = ["bleach.clean"]
)",
                                        "/p/pyproject.toml");
    CHECK(bandit.config.options.allowed_markup_calls == std::vector<std::string>{"bleach.clean"});
    CHECK(codes_found(code, bandit.config) == std::vector<std::string>{"B704"});
}

TEST_CASE("request-timeout sets the seconds B113's fix writes") {
    const auto loaded =
        parse_pyproject("[tool.vigil.options]\nrequest-timeout = 10\n", "/p/pyproject.toml");
    CHECK(loaded.config.options.request_timeout == 10);
    CHECK(loaded.warnings.empty());
    const auto fractional =
        parse_pyproject("[tool.vigil.options]\nrequest-timeout = 2.5\n", "/p/pyproject.toml");
    CHECK(fractional.config.options.request_timeout == 2.5);
    const auto wrong =
        parse_pyproject("[tool.vigil.options]\nrequest-timeout = \"ten\"\n", "/p/pyproject.toml");
    CHECK(wrong.config.options.request_timeout == 60);
    CHECK(wrong.warnings.size() == 1);

    auto parser = vigil::syntax::make_python_parser();
    const std::string text = "import requests\nrequests.get(url)\n";
    auto tree = vigil::syntax::parse_python(parser.get(), text);
    const auto findings = analyze(text, tree.get(), "app.py", fractional.config);
    REQUIRE(findings.size() == 1);
    REQUIRE(findings[0].fixes.size() == 1);
    REQUIRE(findings[0].fixes[0].edits.size() == 1);
    CHECK(findings[0].fixes[0].edits[0].replacement == ", timeout=2.5");
}

TEST_CASE("B101 skips test files in the default profile only, unless skips are configured") {
    Config config;
    const std::string text = "assert x\n";
    CHECK(codes_found(text, config, "/repo/src/app.py") == std::vector<std::string>{"B101"});
    CHECK(codes_found(text, config, "/repo/tests/helpers.py").empty());
    CHECK(codes_found(text, config, "/repo/src/test_app.py").empty());
    CHECK(codes_found(text, config, "tests/helpers.py").empty());
    const std::string typing_only =
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    assert x\nelse:\n    assert y\n";
    CHECK(codes_found(typing_only, config, "/repo/src/app.py") ==
          std::vector<std::string>{"B101"}); // the else branch runs
    config.profile = ProfileName::Bandit;
    CHECK(codes_found(text, config, "/repo/tests/helpers.py") == std::vector<std::string>{"B101"});
    CHECK(codes_found(typing_only, config, "/repo/src/app.py").size() == 2);
    config.options.assert_skips = std::vector<std::string>{"*/tests/*"};
    CHECK(codes_found(text, config, "/repo/tests/helpers.py").empty());
    CHECK(codes_found(text, config, "/repo/src/test_app.py") == std::vector<std::string>{"B101"});
    const auto loaded = parse_pyproject("[tool.bandit.assert_used]\nskips = [\"*_test.py\"]\n",
                                        "/p/pyproject.toml");
    REQUIRE(loaded.config.options.assert_skips);
    CHECK(*loaded.config.options.assert_skips == std::vector<std::string>{"*_test.py"});
}

TEST_CASE("check-typed-exception makes B110 and B112 flag handlers of any type") {
    Config config;
    const std::string text = "try:\n    work()\nexcept KeyError:\n    pass\n";
    CHECK(codes_found(text, config).empty());
    config.options.check_typed_exception = true;
    CHECK(codes_found(text, config) == std::vector<std::string>{"B110"});
}

// B105-B107 and B5xx options (kept together).
TEST_CASE("password words, protocol versions and key sizes load from both configurations") {
    const auto vigil = parse_pyproject(R"(
[tool.vigil.options]
password-words = ["apikey", "credentials?"]
bad-protocol-versions = ["PROTOCOL_TLSv1_2"]
weak-key-size-rsa-medium = 3072
)",
                                       "/p/pyproject.toml");
    REQUIRE_FALSE(vigil.error);
    CHECK(vigil.warnings.empty());
    const RuleOptions& options = vigil.config.options;
    CHECK(options.password_words == std::vector<std::string>{"apikey", "credentials?"});
    CHECK(options.bad_protocol_versions == std::vector<std::string>{"PROTOCOL_TLSv1_2"});
    CHECK(options.weak_key_size_rsa_medium == 3072);
    CHECK(options.weak_key_size_rsa_high == 1024);

    const auto bandit = parse_pyproject(R"(
[tool.bandit.ssl_with_bad_version]
bad_protocol_versions = ["PROTOCOL_SSLv2"]
[tool.bandit.weak_cryptographic_key]
weak_key_size_dsa_high = 2048
weak_key_size_ec_medium = "big"
)",
                                        "/p/pyproject.toml");
    REQUIRE_FALSE(bandit.error);
    CHECK(bandit.config.options.bad_protocol_versions ==
          std::vector<std::string>{"PROTOCOL_SSLv2"});
    CHECK(bandit.config.options.weak_key_size_dsa_high == 2048);
    CHECK(bandit.config.options.weak_key_size_ec_medium == 224);
    REQUIRE(bandit.warnings.size() == 1);
    CHECK(bandit.warnings[0] == "weak_key_size_ec_medium: expected an integer");

    Config config;
    config.select = {"B105", "B505", "B502"};
    config.options = options;
    CHECK(codes_found("apikey = \"k-123456\"\npassword = \"hunter2\"\n", config) ==
          std::vector<std::string>{"B105"});
    CHECK(codes_found("from Crypto.PublicKey import RSA\nRSA.generate(2048)\n", config) ==
          std::vector<std::string>{"B505"});
    CHECK(codes_found("import ssl\nssl.SSLContext(ssl.PROTOCOL_TLSv1)\n", config).empty());
    CHECK(codes_found("import ssl\nssl.SSLContext(ssl.PROTOCOL_TLSv1_2)\n", config) ==
          std::vector<std::string>{"B502"});
}

TEST_CASE("VG221 and VG222 leave test files alone: fixed keys and IVs there are test vectors") {
    Config config;
    config.select = {"VG221", "VG222"};
    const std::string text =
        "import hmac\nfrom cryptography.hazmat.primitives.ciphers import Cipher, algorithms, "
        "modes\nc = Cipher(algorithms.AES(b\"k\" * 16), modes.CBC(b\"\\x00\" * 16))\n"
        "s = hmac.new(b\"key\", b\"msg\", \"sha256\")\n";
    CHECK(codes_found(text, config, "/repo/src/crypto.py") ==
          std::vector<std::string>{"VG222", "VG221", "VG222"});
    CHECK(codes_found(text, config, "/repo/tests/test_crypto.py").empty());
    CHECK(codes_found(text, config, "/repo/crypto_test.py").empty());
}

TEST_CASE("each file's shell lists are its own: the table one analysis builds is not the next's") {
    Config custom;
    custom.options.subprocess_functions = {"mylib.run"};
    const std::string text = "import mylib\nmylib.run(c, shell=True)\n";
    CHECK(codes_found(text, custom) == std::vector<std::string>{"B602"});
    // Not a configured subprocess function: only "some function with shell=True".
    CHECK(codes_found(text, Config{}) == std::vector<std::string>{"B604"});
    CHECK(codes_found(text, custom) == std::vector<std::string>{"B602"});
}

TEST_CASE("data-flow options: which data to follow, and the user's sources, sinks, sanitizers") {
    const auto loaded = parse_pyproject(R"(
[tool.vigil.options]
flow-sources = ["remote", "local", "nearby"]
taint-sources = ["myapp.http.get_param"]
taint-sanitizers = ["myapp.validate"]
[tool.vigil.options.taint-sinks]
sql = ["myapp.db.run_query"]
teleport = ["myapp.beam"]
)",
                                        "/p/pyproject.toml");
    REQUIRE_FALSE(loaded.error);
    const auto& options = loaded.config.options;
    CHECK(options.flow_sources == std::vector<std::string>{"remote", "local", "nearby"});
    CHECK(options.taint_sources == std::vector<std::string>{"myapp.http.get_param"});
    CHECK(options.taint_sanitizers == std::vector<std::string>{"myapp.validate"});
    REQUIRE(options.taint_sinks.size() == 1);
    CHECK(options.taint_sinks[0].first == "sql");
    CHECK(options.taint_sinks[0].second == std::vector<std::string>{"myapp.db.run_query"});
    REQUIRE(loaded.warnings.size() == 2);
    CHECK(loaded.warnings[0].find("nearby") != std::string::npos);
    CHECK(loaded.warnings[1].find("teleport") != std::string::npos);

    // The options change what the flow rules report.
    const std::string text = "import sys, os\n"
                             "from myapp import http, db, validate\n"
                             "os.system(sys.argv[1])\n"            // local: line 3
                             "db.run_query(http.get_param('q'))\n" // user source and sink
                             "db.run_query(validate(http.get_param('q')))\n"; // user sanitizer
    auto parser = vigil::syntax::make_python_parser();
    const auto tree = vigil::syntax::parse_python(parser.get(), text);
    auto lines = [&](const Config& config) {
        std::vector<std::string> found;
        for (const auto& finding : analyze(text, tree.get(), "app.py", config)) {
            found.push_back(
                finding.code + ":" +
                std::to_string(std::count(text.begin(),
                                          text.begin() + static_cast<long>(finding.start), '\n') +
                               1));
        }
        return found;
    };
    Config defaults;
    defaults.select = {"VG3"};
    CHECK(lines(defaults).empty()); // argv is local data, not followed by default
    Config configured = loaded.config;
    configured.select = {"VG3"};
    CHECK(lines(configured) == std::vector<std::string>{"VG302:3", "VG301:4"});
}

// Vigil's web-framework rules decide by file name where a fixture cannot: which modules are
// production Django settings, and which are tests.
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace vigil;

namespace {

std::size_t count_findings(const std::string& text, const std::string& path,
                           const std::string& code) {
    auto parser = syntax::make_python_parser();
    const auto tree = syntax::parse_python(parser.get(), text);
    analysis::Config config;
    config.select = {code};
    std::size_t count = 0;
    for (const auto& finding : analysis::analyze(text, tree.get(), path, config)) {
        count += finding.code == code ? 1 : 0;
    }
    return count;
}

} // namespace

TEST_CASE("django settings rules look at production settings modules only", "[rules][vg]") {
    const std::string plain = "DEBUG = True\n";
    const std::string django = "DEBUG = True\nINSTALLED_APPS = []\nROOT_URLCONF = \"site.urls\"\n";
    SECTION("named like settings") {
        for (const std::string path :
             {"settings.py", "mysite/settings.py", "mysite/settings/__init__.py",
              "mysite/settings/production.py", "mysite/settings/base.py", "prod_settings.py",
              "settings_prod.py", "C:\\site\\settings.py"}) {
            INFO(path);
            CHECK(count_findings(plain, path, "VG101") == 1);
        }
    }
    SECTION("assigning Django-only settings") {
        CHECK(count_findings(django, "mysite/conf.py", "VG101") == 1);
        CHECK(count_findings(plain, "mysite/conf.py", "VG101") == 0);
        CHECK(count_findings("DEBUG = True\nINSTALLED_APPS = []\n", "conf.py", "VG101") == 0);
    }
    SECTION("named for development or tests") {
        for (const std::string path :
             {"mysite/settings/dev.py", "mysite/settings/local.py", "mysite/settings/test.py",
              "mysite/settings/testing.py", "mysite/settings/development.py", "local_settings.py",
              "test_settings.py", "settings_local.py", "settings-dev.py", "tests/settings.py",
              "testproject/settings.py", "test_project/settings.py", "ci_settings.py",
              "debug_settings.py", "mysite/dev/settings.py"}) {
            INFO(path);
            CHECK(count_findings(django, path, "VG101") == 0);
        }
    }
}

TEST_CASE("flask config rules leave test modules alone", "[rules][vg]") {
    const std::string text = "from flask import Flask\napp = Flask(__name__)\n"
                             "app.config[\"SECRET_KEY\"] = \"k\"\n"
                             "app.config[\"SESSION_COOKIE_SECURE\"] = False\n";
    CHECK(count_findings(text, "app/__init__.py", "VG106") == 1);
    CHECK(count_findings(text, "app/__init__.py", "VG107") == 1);
    for (const std::string path :
         {"tests/conftest.py", "test_app.py", "app_test.py", "tests.py", "tests/helpers.py"}) {
        INFO(path);
        CHECK(count_findings(text, path, "VG106") == 0);
        CHECK(count_findings(text, path, "VG107") == 0);
    }
}

TEST_CASE("cookie flags: a literal name that is no session or credential is LOW", "[rules][vg]") {
    auto parser = syntax::make_python_parser();
    auto severity = [&](const std::string& text) {
        const auto tree = syntax::parse_python(parser.get(), text);
        analysis::Config config;
        config.select = {"VG110"};
        const auto findings = analysis::analyze(text, tree.get(), "views.py", config);
        REQUIRE(findings.size() == 1);
        return findings.front().severity;
    };
    CHECK(severity("r.set_cookie(\"theme\", \"dark\")\n") == analysis::Level::Low);
    CHECK(severity("r.set_cookie(\"sessionid\", v)\n") == analysis::Level::Medium);
    CHECK(severity("r.set_cookie(key=\"auth_token\", value=v)\n") == analysis::Level::Medium);
    CHECK(severity("r.set_cookie(name, v)\n") == analysis::Level::Medium);
    CHECK(severity("r.set_cookie(\"sessionid\", v, secure=True, httponly=True)\n") ==
          analysis::Level::Low);
}

// Findings -> LSP diagnostics: severities, and the hint level of advice rules.
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "server/lsp/diagnostics.hpp"
#include "server/lsp/hover.hpp"

#include <catch2/catch.hpp>

using namespace vigil;

TEST_CASE("diagnostics carry the LSP severity of the finding, or Hint for advice rules") {
    const std::string text = "x = eval(s)\nf = open(path)\n";
    auto parser = syntax::make_python_parser();
    const auto tree = syntax::parse_python(parser.get(), text);
    analysis::Config config;
    config.select = {"B307", "VG242"}; // VG242 is opt-in: selected by name
    const auto findings = analysis::analyze(text, tree.get(), "app.py", config);
    REQUIRE(findings.size() == 2);
    const auto diagnostics =
        server::to_diagnostics(text, findings, protocol::PositionEncoding::Utf16, "1");
    REQUIRE(diagnostics.size() == 2);
    CHECK(diagnostics[0]["code"] == "B307");
    CHECK(diagnostics[0]["severity"] == 2); // MEDIUM -> Warning
    CHECK(diagnostics[1]["code"] == "VG242");
    CHECK(diagnostics[1]["severity"] == 4); // an editor hint, whatever its LOW severity
    CHECK(diagnostics[1]["data"]["severity"] == "LOW");
}

TEST_CASE("a data-flow finding's path becomes relatedInformation and shows in the hover") {
    // "é" is two UTF-16 units less than its UTF-8 bytes: the ranges must be in the client's
    // encoding.
    const std::string text = "from flask import request\n"
                             "def view():\n"
                             "    name = request.args['é']\n"
                             "    return open('/srv/' + name)\n";
    auto parser = syntax::make_python_parser();
    const auto tree = syntax::parse_python(parser.get(), text);
    analysis::Config config;
    config.select = {"VG304"};
    const auto findings = analysis::analyze(text, tree.get(), "app.py", config);
    REQUIRE(findings.size() == 1);
    const auto diagnostics = server::to_diagnostics(
        text, findings, protocol::PositionEncoding::Utf16, "1", {}, "file:///p/app.py");
    REQUIRE(diagnostics.size() == 1);
    const auto& related = diagnostics[0]["relatedInformation"];
    REQUIRE(related.size() == 3);
    CHECK(related[0]["location"]["uri"] == "file:///p/app.py");
    CHECK(related[0]["location"]["range"]["start"] ==
          nlohmann::json{{"line", 2}, {"character", 11}});
    CHECK(related[0]["message"] == "`request.args` enters here");
    CHECK(related[1]["message"] == "flows into `name`");
    CHECK(related[2]["location"]["range"]["start"] ==
          nlohmann::json{{"line", 3}, {"character", 16}});
    CHECK(related[2]["message"] == "reaches `open()` here");

    server::PublishedResult result;
    result.diagnostics = diagnostics;
    result.findings = findings;
    const auto hover = server::hover_at(result, {3, 20});
    REQUIRE(hover.is_object());
    const std::string markdown = hover["contents"]["value"];
    CHECK(markdown.find("Path:\n\n1. line 3: `request.args` enters here\n2. line 3: flows into "
                        "`name`\n3. line 4: reaches `open()` here\n") != std::string::npos);
}

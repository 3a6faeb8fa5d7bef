// Findings -> LSP diagnostics: severities, and the hint level of advice rules.
#include "analysis/analyzer.hpp"
#include "analysis/syntax/source_file.hpp"
#include "server/lsp/diagnostics.hpp"

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

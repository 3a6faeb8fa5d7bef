// `vigil`: the language server (`vigil server`) and the command-line tools around the same engine.

#include "protocol/transport.hpp"
#include "server/check_command.hpp"
#include "server/logging.hpp"
#include "server/lsp/language_server.hpp"
#include "server/rules_command.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <string>
#include <unistd.h>

#ifdef VIGIL_MIMALLOC
#include <mimalloc.h>
#endif

namespace {

int run_server(const vigil::server::ServerOptions& options) {
    // A client that goes away mid-write must not kill us with SIGPIPE; the write just fails.
    std::signal(SIGPIPE, SIG_IGN);
    boost::asio::io_context io;
    vigil::protocol::Transport transport(io, STDIN_FILENO, STDOUT_FILENO);
    vigil::server::LanguageServer server(io, transport, options);
    const int exit_code = server.run();
    spdlog::info("exiting with {}", exit_code);
    return exit_code;
}

std::string version_text() {
    std::string text = std::string("vigil ") + VIGIL_VERSION;
#ifdef VIGIL_MIMALLOC
    // Naming a mimalloc symbol also keeps the library linked under --as-needed.
    const int version = mi_version();
    text += " (mimalloc " + std::to_string(version / 100) + "." +
            std::to_string(version / 10 % 10) + "." + std::to_string(version % 10) + ")";
#endif
    return text;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Vigil: security diagnostics for Python, in the editor and in CI", "vigil"};
    app.set_version_flag("--version", version_text());
    app.require_subcommand(0, 1);

    std::string log_file;
    std::string log_level = "info";
    app.add_option("--log-file", log_file, "Write logs to this file instead of stderr");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

    // Analysis is CPU-bound: threads beyond the cores buy nothing, and asking for 100,000 made
    // thread creation fail and the program abort. 256 is above any core count a scan is likely
    // to run on; more is refused as a usage error rather than clamped, so a typo is not hidden.
    constexpr unsigned max_threads = 256;

    vigil::server::ServerOptions server_options;
    int debounce_ms = -1;
    unsigned threads = 0;
    CLI::App* server = app.add_subcommand("server", "Run the language server over stdio");
    bool stdio = true;
    server->add_flag("--stdio", stdio,
                     "Use stdio (the default and only transport; accepted for editors)");
    server->add_option("--debounce-ms", debounce_ms,
                       "Fixed delay between an edit and its analysis (default: adaptive)");
    server->add_option("--threads", threads, "Analysis threads (default: one per core)")
        ->check(CLI::Range(0u, max_threads));
    int client_process_id = 0;
    server->add_option("--clientProcessId", client_process_id,
                       "Accepted for editors; the processId from initialize is used");

    vigil::server::CheckOptions check_options;
    CLI::App* check = app.add_subcommand("check", "Scan files and directories");
    check->add_option("paths", check_options.paths, "Files or directories (default: .)");
    check->add_option("--format", check_options.format, "text (default), json or sarif")
        ->transform(CLI::CheckedTransformer(
                        std::map<std::string, vigil::server::ReportFormat>{
                            {"text", vigil::server::ReportFormat::Text},
                            {"json", vigil::server::ReportFormat::Json},
                            {"sarif", vigil::server::ReportFormat::Sarif}},
                        CLI::ignore_case)
                        .description(""))
        ->type_name("FORMAT");
    check->add_option("-o,--output", check_options.output, "Write the report to this file");
    check
        ->add_option("--select", check_options.select,
                     "Only these rule codes or prefixes (B602, B6, S602; comma-separated)")
        ->delimiter(',')
        ->allow_extra_args(false); // `--select B6 src/` must leave `src/` to the paths
    check->add_option("--ignore", check_options.ignore, "Leave out these rule codes or prefixes")
        ->delimiter(',')
        ->allow_extra_args(false);
    check->add_option("--profile", check_options.profile, "default, bandit or all");
    check->add_option("--severity", check_options.severity,
                      "Minimum severity: low, medium or high");
    check->add_option("--confidence", check_options.confidence,
                      "Minimum confidence: low, medium or high");
    check
        ->add_option("--exclude", check_options.exclude,
                     "Skip paths matching these gitignore-style patterns (repeatable)")
        ->allow_extra_args(false);
    check->add_flag("!--no-gitignore", check_options.respect_gitignore,
                    "Do not read .gitignore files");
    check->add_option("--baseline", check_options.baseline,
                      "Report only findings not in this earlier JSON report");
    check->add_option("--write-baseline", check_options.write_baseline,
                      "Write every finding to this file as a JSON report (a baseline)");
    check->add_option("--stdin-filename", check_options.stdin_filename,
                      "Read one file from stdin and report it under this name");
    check->add_option("-j,--jobs", check_options.jobs, "Analysis threads (default: one per core)")
        ->check(CLI::Range(0u, max_threads));
    check->add_flag("--exit-zero", check_options.exit_zero, "Exit 0 even when there are findings");
    check->add_flag("--fix", check_options.fix, "Apply safe fixes to the files");
    check->add_flag("--diff", check_options.diff,
                    "Print the safe fixes as a unified diff; change nothing");
    check->add_flag("-q,--quiet", check_options.quiet, "No progress, notices or summary on stderr");
    check->add_flag(
        "--color,!--no-color", check_options.color,
        "Colour the text report (default: when stdout is a terminal and NO_COLOR is unset)");
    // Benchmark floors, hidden (see Floor).
    check
        ->add_flag_callback("--parse-only",
                            [&] { check_options.floor = vigil::server::Floor::Parse; })
        ->group("");
    check
        ->add_flag_callback("--walk-only",
                            [&] { check_options.floor = vigil::server::Floor::Walk; })
        ->group("");

    bool rules_json = false;
    CLI::App* rules = app.add_subcommand("rules", "List every rule");
    std::string pages_directory;
    rules->add_option("--write-pages", pages_directory,
                      "Write one markdown page per rule into this directory");
    rules->add_option("--format", rules_json, "text or json")
        ->transform(CLI::Transformer(std::map<std::string, bool>{{"text", false}, {"json", true}}));

    std::string rule_code;
    CLI::App* rule = app.add_subcommand("rule", "Print a rule's documentation");
    rule->add_option("code", rule_code, "A rule code such as B602 or S602")->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }

    if (!vigil::server::setup_logging(log_file, log_level)) {
        return 2;
    }

    if (*server) {
        if (debounce_ms >= 0) {
            server_options.debounce = std::chrono::milliseconds(debounce_ms);
        }
        server_options.worker_threads = threads;
        return run_server(server_options);
    }
    if (*check) {
        return vigil::server::run_check(check_options, std::cout);
    }
    if (*rules) {
        if (!pages_directory.empty()) {
            return vigil::server::write_rule_pages(pages_directory);
        }
        return vigil::server::print_rules(std::cout, rules_json);
    }
    if (*rule) {
        return vigil::server::print_rule_doc(std::cout, rule_code);
    }
    std::cout << app.help();
    return 0;
}

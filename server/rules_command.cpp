#include "server/rules_command.hpp"

#include "analysis/analyzer.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace vigil::server {

namespace {

std::string profiles_text(std::uint8_t profiles) {
    std::string text;
    if (profiles & analysis::ProfileDefault) {
        text = "default";
    }
    if (profiles & analysis::ProfileBandit) {
        text += text.empty() ? "bandit" : ",bandit";
    }
    return text;
}

void section(std::ostream& out, std::string_view title, std::string_view body) {
    if (!body.empty()) {
        out << "\n## " << title << "\n\n" << body << "\n";
    }
}

} // namespace

int print_rules(std::ostream& out, bool json) {
    if (json) {
        nlohmann::json list = nlohmann::json::array();
        for (const analysis::Rule* rule : analysis::all_rules()) {
            const analysis::RuleInfo& info = rule->info;
            list.push_back({{"code", info.code},
                            {"name", info.name},
                            {"bandit_name", info.bandit_name},
                            {"ruff_code", info.ruff_code},
                            {"cwe", info.cwe},
                            {"severity", analysis::level_name(info.severity)},
                            {"confidence", analysis::level_name(info.confidence)},
                            {"profiles", profiles_text(info.profiles)}});
        }
        out << list.dump(2) << '\n';
        return 0;
    }
    for (const analysis::Rule* rule : analysis::all_rules()) {
        const analysis::RuleInfo& info = rule->info;
        out << std::left << std::setw(8) << info.code << std::setw(48) << info.name << std::setw(8)
            << analysis::level_name(info.severity) << std::setw(8)
            << analysis::level_name(info.confidence) << profiles_text(info.profiles) << '\n';
    }
    return 0;
}

int print_rule_doc(std::ostream& out, std::string_view code) {
    const analysis::Rule* rule = analysis::find_rule(code);
    if (!rule) {
        std::cerr << "vigil: no rule has the code " << code << '\n';
        return 2;
    }
    const analysis::RuleInfo& info = rule->info;
    out << "# " << info.code << ": " << info.name << "\n\n"
        << "Severity " << analysis::level_name(info.severity) << ", confidence "
        << analysis::level_name(info.confidence);
    if (info.cwe != 0) {
        out << ", CWE-" << info.cwe;
    }
    if (!info.ruff_code.empty()) {
        out << ", ruff " << info.ruff_code;
    }
    out << ". Profiles: " << profiles_text(info.profiles) << ".\n";
    section(out, "What it does", info.doc.what);
    section(out, "Why is this bad?", info.doc.why);
    section(out, "Example", info.doc.example);
    section(out, "Use instead", info.doc.use_instead);
    section(out, "Compared with Bandit", info.doc.vs_bandit);
    section(out, "References", info.doc.references);
    return 0;
}

} // namespace vigil::server

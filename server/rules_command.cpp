#include "server/rules_command.hpp"

#include "analysis/analyzer.hpp"
#include "analysis/rule_docs.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace vigil::server {

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
                            {"profiles", analysis::profiles_text(info.profiles)}});
        }
        out << list.dump(2) << '\n';
        return 0;
    }
    for (const analysis::Rule* rule : analysis::all_rules()) {
        const analysis::RuleInfo& info = rule->info;
        out << std::left << std::setw(8) << info.code << std::setw(48) << info.name << std::setw(8)
            << analysis::level_name(info.severity) << std::setw(8)
            << analysis::level_name(info.confidence) << analysis::profiles_text(info.profiles)
            << '\n';
    }
    return 0;
}

int print_rule_doc(std::ostream& out, std::string_view code) {
    const analysis::Rule* rule = analysis::find_rule(code);
    if (!rule) {
        std::cerr << "vigil: no rule has the code " << code << '\n';
        return 2;
    }
    out << analysis::rule_markdown(rule->info);
    return 0;
}

} // namespace vigil::server

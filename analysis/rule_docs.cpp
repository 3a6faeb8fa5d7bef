#include "analysis/rule_docs.hpp"

namespace vigil::analysis {

namespace {

void section(std::string& out, std::string_view title, std::string_view body) {
    if (body.empty()) {
        return;
    }
    out += "\n## ";
    out += title;
    out += "\n\n";
    out += body;
    if (body.back() != '\n') {
        out += '\n';
    }
}

} // namespace

std::string profiles_text(std::uint8_t profiles) {
    std::string text;
    if (profiles & ProfileDefault) {
        text = "default";
    }
    if (profiles & ProfileBandit) {
        text += text.empty() ? "bandit" : ", bandit";
    }
    if (profiles & ProfileOptIn) {
        text += text.empty() ? "opt-in" : ", opt-in";
    }
    return text;
}

std::string rule_markdown(const RuleInfo& info) {
    std::string out = "# ";
    out += info.code;
    out += ": ";
    out += info.name;
    out += "\n\nSeverity ";
    out += level_name(info.severity);
    out += ", confidence ";
    out += level_name(info.confidence);
    if (info.cwe != 0) {
        out += ", [CWE-" + std::to_string(info.cwe) + "](https://cwe.mitre.org/data/definitions/" +
               std::to_string(info.cwe) + ".html)";
    }
    if (!info.ruff_code.empty()) {
        out += ", ruff ";
        out += info.ruff_code;
    }
    if (!info.bandit_name.empty()) {
        out += ", Bandit `";
        out += info.bandit_name;
        out += "`";
    }
    out += ". Profiles: " + profiles_text(info.profiles) + ".\n";
    section(out, "What it does", info.doc.what);
    section(out, "Why is this bad?", info.doc.why);
    section(out, "Example", info.doc.example);
    section(out, "Use instead", info.doc.use_instead);
    section(out, "Compared with Bandit", info.doc.vs_bandit);
    section(out, "References", info.doc.references);
    return out;
}

} // namespace vigil::analysis

#include "analysis/rules/injection/shell.hpp"

#include <algorithm>

namespace vigil::analysis::rules::shell {

bool is_truthy(const SemanticModel& model, TSNode value) {
    if (ts_node_is_null(value)) {
        return false;
    }
    return model.literal_truth(value).value_or(true);
}

bool is_literally_true(const SemanticModel& model, TSNode value) {
    return !ts_node_is_null(value) && model.literal_truth(value).value_or(false);
}

Kind kind_of(const RuleOptions& options, std::string_view qualified) {
    auto in = [&](const std::vector<std::string>& list) {
        return std::find(list.begin(), list.end(), qualified) != list.end();
    };
    if (qualified.empty()) {
        return Kind::None;
    }
    if (in(options.subprocess_functions)) {
        return Kind::Subprocess;
    }
    if (in(options.shell_functions)) {
        return Kind::Shell;
    }
    if (in(options.no_shell_functions)) {
        return Kind::NoShell;
    }
    return Kind::None;
}

TSNode command(const CallView& call, Kind kind) {
    if (kind == Kind::Subprocess) {
        return call.argument(0, "args");
    }
    return call.argument(0);
}

std::optional<std::vector<std::string>> plain_words(std::string_view command) {
    std::vector<std::string> words;
    std::string current;
    for (char c : command) {
        if (c == ' ' || c == '\t') {
            if (!current.empty()) {
                words.push_back(std::move(current));
                current.clear();
            }
            continue;
        }
        if (std::string_view("|&;<>()$`\\\"'*?[]#~=%!{}\n\r").find(c) != std::string_view::npos) {
            return std::nullopt;
        }
        current += c;
    }
    if (!current.empty()) {
        words.push_back(std::move(current));
    }
    if (words.empty()) {
        return std::nullopt;
    }
    return words;
}

std::string as_list_literal(const std::vector<std::string>& words) {
    std::string list = "[";
    for (std::size_t i = 0; i < words.size(); ++i) {
        list += (i ? ", \"" : "\"") + words[i] + "\"";
    }
    return list + "]";
}

} // namespace vigil::analysis::rules::shell

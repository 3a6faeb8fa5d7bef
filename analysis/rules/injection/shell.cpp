#include "analysis/rules/injection/shell.hpp"

#include <string>
#include <unordered_map>

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

Kind kind_of(RuleContext& context, std::string_view qualified) {
    if (qualified.empty()) {
        return Kind::None;
    }
    // Every call asks, seven rules over: a table built once per file from the configured lists.
    // A name in several lists gets the first one's kind, as the lists are read in this order.
    struct Kinds {
        std::unordered_map<std::string_view, Kind> by_name;
        // The rules ask one after another about the same call: its answer, kept.
        mutable std::string last_name;
        mutable Kind last_kind = Kind::None;
    };
    const Kinds& kinds = context.per_file<Kinds>([&] {
        const RuleOptions& options = context.options();
        Kinds table;
        for (const std::string& name : options.subprocess_functions) {
            table.by_name.emplace(name, Kind::Subprocess);
        }
        for (const std::string& name : options.shell_functions) {
            table.by_name.emplace(name, Kind::Shell);
        }
        for (const std::string& name : options.no_shell_functions) {
            table.by_name.emplace(name, Kind::NoShell);
        }
        return table;
    });
    if (qualified != kinds.last_name) {
        const auto it = kinds.by_name.find(qualified);
        kinds.last_name = qualified;
        kinds.last_kind = it == kinds.by_name.end() ? Kind::None : it->second;
    }
    return kinds.last_kind;
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

// B607: starting a process by a program name found through PATH.
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <cctype>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// Bandit's full-path test: a drive letter ("C:"), or a leading '/', '\' or '.'.
bool is_full_path(std::string_view program) {
    if (program.size() >= 2 && std::isalpha(static_cast<unsigned char>(program[0])) &&
        program[1] == ':') {
        return true;
    }
    return !program.empty() && (program[0] == '/' || program[0] == '\\' || program[0] == '.');
}

// The expression naming the program: the command itself, or the first element of a literal
// argument list. os.spawn* take the mode first and the path second.
TSNode program_node(const CallView& view, shell::Kind kind, std::string_view name) {
    TSNode command = name.starts_with("os.spawn") ? view.argument(1) : shell::command(view, kind);
    if (ts_node_is_null(command)) {
        return command;
    }
    const std::string_view type = syntax::node_type(command);
    if (type == "list" || type == "tuple") {
        return syntax::named_child(command, 0); // null for an empty list
    }
    return command;
}

// The program a command line runs first: its first word, past a subshell's '(' or a group's
// '{' and any `NAME=value` environment assignments.
std::string program_word(std::string_view command) {
    constexpr std::string_view blanks = " \t\n({";
    constexpr std::string_view ends = " \t\n;|&<>()";
    std::size_t begin = command.find_first_not_of(blanks);
    while (begin != std::string_view::npos) {
        const std::size_t end = std::min(command.find_first_of(ends, begin), command.size());
        const std::string_view word = command.substr(begin, end - begin);
        const std::size_t equals = word.find('=');
        if (equals == std::string_view::npos || equals == 0 ||
            word.find('/') < equals) { // not NAME=value
            return std::string(word);
        }
        begin = command.find_first_not_of(blanks, end);
    }
    return {};
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    const shell::Kind kind = shell::kind_of(context, name);
    if (kind == shell::Kind::None) {
        return;
    }
    // Popen(["ls"], executable="/bin/ls") runs `executable`; the list only names it. (With a
    // shell, `executable` is the shell, and the command still names its program.)
    const TSNode executable =
        kind == shell::Kind::Subprocess && !shell::is_truthy(model, view.keyword("shell"))
            ? view.keyword("executable")
            : TSNode{};
    const TSNode program =
        ts_node_is_null(executable) ? program_node(view, kind, name) : executable;
    const auto value = ts_node_is_null(program) ? std::nullopt : model.string_value(program);
    if (!value) {
        return;
    }
    // An element of an argument list is the program itself; a string may be a command line.
    const std::string_view container = syntax::node_type(syntax::parent(program));
    const bool element =
        container == "list" || container == "tuple" || !ts_node_is_null(executable);
    const std::string first = element ? *value : program_word(*value);
    if (first.empty()) {
        return;
    }
    if (is_full_path(first)) {
        return;
    }
    context.report(program, {.message = "Starting a process with a partial executable path (\"" +
                                        first + "\" in " + name + ")"});
}

} // namespace

extern const Rule partial_path{
    {
        .code = "B607",
        .name = "start-process-with-partial-path",
        .bandit_name = "start_process_with_partial_path",
        .ruff_code = "S607",
        .cwe = 78,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileBandit,
        .doc =
            {
                .what = "Flags process-starting calls (the `subprocess`, shell and no-shell "
                        "functions of B602-B606) whose program is a constant name without a "
                        "path, such as `\"git\"` or `[\"ls\", \"-l\"]`. Only in the `bandit` "
                        "profile.",
                .why = "The program is looked up in `PATH` (and, on Windows, the current "
                       "directory): whoever controls either can put their own `git` first.",
                .example = "```python\nsubprocess.run([\"git\", \"pull\"], check=True)\n```",
                .use_instead = "Give the full path, or resolve it once from a trusted "
                               "location:\n\n```python\nsubprocess.run([\"/usr/bin/git\", "
                               "\"pull\"], check=True)\n```",
                .references =
                    "- https://docs.python.org/3/library/subprocess.html#subprocess.Popen\n"
                    "- https://cwe.mitre.org/data/definitions/426.html\n"
                    "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit =
                    "Same full-path test as Bandit (`C:`, `/`, `\\` or `.` first), with these "
                    "differences: only in the `bandit` profile (nearly every program is run by "
                    "name, so the default profile leaves it out); a command line is judged by "
                    "its first word (past a subshell's `(` and `NAME=value` assignments); for "
                    "`os.spawn*` the path (the second argument) is "
                    "checked, not the mode; a variable bound once to a string constant counts "
                    "as that constant; the command may be given as `args=`; with `executable=` "
                    "(and no shell) that program is checked instead; empty commands are not "
                    "flagged. The squiggle is "
                    "on the program name, as in ruff.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

// B605: starting a process through a shell (os.system, os.popen, subprocess.getoutput, ...).
#include "analysis/fix_builder.hpp"
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>
#include <vector>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// os.system("make all") as a statement of its own -> subprocess.run(["make", "all"]): the exit
// status is dropped either way, and a command of plain words means the same without a shell.
std::optional<Fix> without_shell_fix(const RuleContext& context, const CallView& view,
                                     const std::string& name, TSNode command) {
    const TSNode parent = syntax::parent(view.call);
    if (name != "os.system" || syntax::node_type(command) != "string" ||
        view.positional.size() != 1 || !view.keywords.empty() || view.has_star_args ||
        view.has_star_kwargs || ts_node_is_null(parent) ||
        syntax::node_type(parent) != "expression_statement" ||
        syntax::named_child_count(parent) != 1) {
        return std::nullopt;
    }
    const SemanticModel& model = context.model();
    const auto value = model.string_value(command);
    const auto words = value ? shell::plain_words(*value) : std::nullopt;
    if (!words) {
        return std::nullopt;
    }
    Fix fix{.title = "Run the command with subprocess.run, without a shell",
            .applicability = Applicability::Safe,
            .edits = {
                replace_node(view.call, "subprocess.run(" + shell::as_list_literal(*words) + ")")}};
    if (auto import = add_import(model, model.root(), "subprocess")) {
        fix.edits.push_back(std::move(*import));
    }
    return fix;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    if (shell::kind_of(context, name) != shell::Kind::Shell) {
        return;
    }
    const TSNode command = shell::command(view, shell::Kind::Shell);
    if (ts_node_is_null(command)) {
        return;
    }
    if (model.string_value(command)) {
        std::vector<Fix> fixes;
        if (auto fix = without_shell_fix(context, view, name, command)) {
            fixes.push_back(std::move(*fix));
        }
        context.report(view.callee,
                       {.message = "Starting a process with a shell (" + name +
                                   "): seems safe, but may be changed in the future, consider "
                                   "rewriting without shell",
                        .severity = Level::Low,
                        .fixes = std::move(fixes)});
        return;
    }
    context.report(view.callee, {.message = "Starting a process with a shell (" + name +
                                            "), possible injection detected, security issue."});
}

} // namespace

extern const Rule start_process_with_shell{
    {
        .code = "B605",
        .name = "start-process-with-a-shell",
        .bandit_name = "start_process_with_a_shell",
        .ruff_code = "S605",
        .cwe = 78,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags functions that always run their command through a shell: "
                        "`os.system`, `os.popen`, `subprocess.getoutput`, "
                        "`subprocess.getstatusoutput`, and the old `popen2` and `commands` "
                        "modules (configurable). Severity is HIGH when the command is not a "
                        "constant string, LOW when it is.",
                .why = "The command is a shell script: any part of it that comes from outside "
                       "can add commands with `;`, `$(...)` or backticks.",
                .example = "```python\nos.system(\"gzip \" + filename)\n```",
                .use_instead = "Run the program without a shell, with the arguments as a list:"
                               "\n\n```python\nsubprocess.run([\"gzip\", \"--\", filename], "
                               "check=True)\n```\n\nFor a constant `os.system(\"...\")` statement "
                               "of plain words, a quick fix makes that rewrite.",
                .references =
                    "- https://docs.python.org/3/library/os.html#os.system\n"
                    "- https://docs.python.org/3/library/subprocess.html#security-considerations\n"
                    "- https://cwe.mitre.org/data/definitions/78.html",
                .vs_bandit =
                    "Same check and severities as Bandit. Vigil also resolves aliases (`from os "
                    "import system as sh`) and treats a variable bound once to a string "
                    "constant as constant (LOW, as Bandit does for a literal).",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

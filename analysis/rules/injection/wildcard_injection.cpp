// B609: a shell command running chown, chmod, tar or rsync on a '*' wildcard.
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>

namespace vigil::analysis::rules {

namespace {

constexpr std::string_view kinds[] = {"call"};

// The command text: a constant string, or a literal list of constant strings joined by spaces.
std::optional<std::string> command_text(const SemanticModel& model, TSNode command) {
    const std::string_view type = syntax::node_type(command);
    if (type != "list" && type != "tuple") {
        return model.string_value(command);
    }
    std::string text;
    for (uint32_t i = 0; i < ts_node_named_child_count(command); ++i) {
        const auto part = model.string_value(ts_node_named_child(command, i));
        if (!part) {
            return std::nullopt;
        }
        text += (i ? " " : "") + *part;
    }
    return text;
}

// The first of chown, chmod, tar and rsync run as a command word (also as /bin/tar), if any.
std::optional<std::string> vulnerable_program(std::string_view command) {
    constexpr std::string_view separators = " \t\n;|&()`'\"<>";
    std::size_t at = 0;
    while (at < command.size()) {
        const std::size_t begin = command.find_first_not_of(separators, at);
        if (begin == std::string_view::npos) {
            break;
        }
        const std::size_t end = std::min(command.find_first_of(separators, begin), command.size());
        std::string_view word = command.substr(begin, end - begin);
        word = word.substr(word.rfind('/') == std::string_view::npos ? 0 : word.rfind('/') + 1);
        if (word == "chown" || word == "chmod" || word == "tar" || word == "rsync") {
            return std::string(word);
        }
        at = end;
    }
    return std::nullopt;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string name = model.qualified_name(view.callee);
    const shell::Kind kind = shell::kind_of(context.options(), name);
    if (kind != shell::Kind::Shell && (kind != shell::Kind::Subprocess ||
                                       !shell::is_literally_true(model, view.keyword("shell")))) {
        return;
    }
    const TSNode command = shell::command(view, kind);
    if (ts_node_is_null(command)) {
        return;
    }
    const auto text = command_text(model, command);
    if (!text || text->find('*') == std::string::npos) {
        return;
    }
    if (const auto program = vulnerable_program(*text)) {
        context.report(command, {.message = "Possible wildcard injection in call: " + name + " (" +
                                            *program + " with a '*' wildcard)"});
    }
}

} // namespace

extern const Rule wildcard_injection{
    {
        .code = "B609",
        .name = "unix-command-wildcard-injection",
        .bandit_name = "linux_commands_wildcard_injection",
        .ruff_code = "S609",
        .cwe = 155,
        .severity = Level::High,
        .confidence = Level::Medium,
        .profiles = ProfileAll,
        .doc =
            {
                .what = "Flags constant shell commands that run `chown`, `chmod`, `tar` or "
                        "`rsync` on a `*` wildcard, through a shell function (`os.system`, ...) "
                        "or a `subprocess` call with `shell=True`.",
                .why = "The shell expands `*` to the file names in the directory, and a file "
                       "named like an option becomes one: a file called "
                       "`--checkpoint-action=exec=sh x.sh` makes `tar cf a.tar *` run a script, "
                       "and `--reference=mine` makes `chown` copy an attacker's ownership.",
                .example = "```python\nos.system(\"tar czf /backup/site.tgz *\")\n```",
                .use_instead = "End the options with `--` (or use `./*`), or better, list the "
                               "files in Python and run the program without a shell:\n\n"
                               "```python\nfiles = sorted(os.listdir(\".\"))\nsubprocess.run("
                               "[\"tar\", \"czf\", \"/backup/site.tgz\", \"--\", *files], "
                               "check=True)\n```",
                .references = "- https://www.exploit-db.com/papers/33930\n"
                              "- https://cwe.mitre.org/data/definitions/155.html",
                .vs_bandit = "Bandit looks for `chown`, `chmod`, `tar` and `rsync` as "
                             "substrings, so `start *.py` and `target/*` are flagged; Vigil "
                             "needs them as command words (`tar`, `/bin/tar`, `sudo tar`). "
                             "Vigil also resolves aliases and string constants bound to a "
                             "name, and takes `shell=` as true for any true literal (`shell=1`), "
                             "where Bandit needs exactly `True`. The squiggle is on the command, "
                             "as in ruff.",
            },
    },
    kinds,
    check,
};

} // namespace vigil::analysis::rules

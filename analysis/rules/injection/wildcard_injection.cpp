// B609: a shell command running chown, chmod, tar or rsync on a '*' wildcard.
#include "analysis/rule_context.hpp"
#include "analysis/rules/injection/shell.hpp"
#include "analysis/syntax/tree_sitter.hpp"

#include <optional>
#include <string>
#include <vector>

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
    for (uint32_t i = 0; i < syntax::named_child_count(command); ++i) {
        const auto part = model.string_value(syntax::named_child(command, i));
        if (!part) {
            return std::nullopt;
        }
        text += (i ? " " : "") + *part;
    }
    return text;
}

struct Word {
    std::string text;
    bool leading_glob = false; // begins with an unquoted '*': may expand to "-option"
};

// The words of each simple command of a shell command line (split at ; | & ( ) and newlines),
// with quotes removed.
std::vector<std::vector<Word>> simple_commands(std::string_view command) {
    std::vector<std::vector<Word>> commands(1);
    Word word;
    bool in_word = false;
    auto finish_word = [&] {
        if (in_word) {
            commands.back().push_back(std::move(word));
        }
        word = Word{};
        in_word = false;
    };
    for (std::size_t i = 0; i < command.size(); ++i) {
        const char c = command[i];
        if (c == '\'' || c == '"') {
            const std::size_t close = command.find(c, i + 1);
            const std::size_t end = close == std::string_view::npos ? command.size() : close;
            word.text.append(command.substr(i + 1, end - i - 1));
            in_word = true;
            i = end;
        } else if (c == ' ' || c == '\t') {
            finish_word();
        } else if (std::string_view(";|&()\n`").find(c) != std::string_view::npos) {
            finish_word();
            if (!commands.back().empty()) {
                commands.emplace_back();
            }
        } else {
            if (!in_word && c == '*') {
                word.leading_glob = true;
            }
            word.text += c;
            in_word = true;
        }
    }
    finish_word();
    return commands;
}

// chown, chmod, tar or rsync (also as /bin/tar, or after sudo) given an argument that starts
// with an unquoted '*' before any `--` ends its options: the program it runs, if any.
std::optional<std::string> vulnerable_program(std::string_view command) {
    for (const auto& words : simple_commands(command)) {
        std::optional<std::string> program;
        for (const Word& word : words) {
            if (!program) {
                std::string_view name = word.text;
                name.remove_prefix(name.rfind('/') == std::string_view::npos ? 0
                                                                             : name.rfind('/') + 1);
                if (name == "chown" || name == "chmod" || name == "tar" || name == "rsync") {
                    program = std::string(name);
                }
                continue;
            }
            if (word.text == "--") {
                break; // no options after this
            }
            if (word.leading_glob) {
                return program;
            }
        }
    }
    return std::nullopt;
}

void check(TSNode call, RuleContext& context) {
    const SemanticModel& model = context.model();
    const CallView& view = model.call(call);
    const std::string& name = model.qualified_name(view.callee);
    const shell::Kind kind = shell::kind_of(context, name);
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
                        "`rsync` with an argument starting with a `*` wildcard, through a shell "
                        "function (`os.system`, ...) or a `subprocess` call with `shell=True`.",
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
                             "substrings anywhere and for `*` anywhere, so `start *.py` and "
                             "`tar cf a.tar /srv/*` are flagged; Vigil needs the program as a "
                             "command word (`tar`, `/bin/tar`, `sudo tar`) and a later argument "
                             "that starts with an unquoted `*` (only those can expand to "
                             "`-option`), before any `--`. "
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

// VG304: untrusted data that reaches a file path.
#include "analysis/rules/flow/flow_rule.hpp"

namespace vigil::analysis::rules {

extern const Rule path_traversal{
    {
        .code = "VG304",
        .name = "path-traversal",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 22,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags untrusted data that reaches a file path: `open`, `io.open`, "
                    "`codecs.open`, the `os` and `shutil` file functions, `Path(...).read_text()` "
                    "and friends, Flask `send_file`/`send_from_directory`, `FileResponse`. It "
                    "follows the data from where it enters (see `flow-sources`) through "
                    "assignments, string building, containers and calls, and reports only when it "
                    "arrives with nothing on the way that makes it safe for this use.",
                .why = "`../../etc/passwd` climbs out of the directory you meant, and an absolute "
                       "path ignores it: the client reads or overwrites any file the server can.",
                .example = "```python\nname = request.args[\"name\"]\nreturn "
                           "open(os.path.join(\"/srv/files\", name)).read()\n```",
                .use_instead = "Keep only the file name (`os.path.basename`, "
                               "`werkzeug.utils.secure_filename`), or resolve the path and check "
                               "that it stays inside the base directory:\n\n```python\npath = "
                               "os.path.realpath(os.path.join(BASE, name))\nif not "
                               "path.startswith(BASE + os.sep):\n    abort(404)\n```",
                .references = "- https://owasp.org/www-community/attacks/Path_Traversal\n- "
                              "https://cwe.mitre.org/data/definitions/22.html\n",
                .vs_bandit = flow_rules::vs_bandit,
            },
    },
    flow_rules::kinds,
    flow_rules::check,
};

} // namespace vigil::analysis::rules

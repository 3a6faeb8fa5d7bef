// VG701-VG705: dependency hygiene in requirements files and pyproject.toml. The checks live in
// analysis/dependencies/requirements.cpp (these files are not Python, so no syntax node reaches
// them); the entries here give the rules their codes, documentation, selection and suppression
// like any other rule.
#include "analysis/rule_context.hpp"

namespace vigil::analysis::rules {

namespace {

// Never called: the rules register no node kinds.
void no_check(TSNode, RuleContext&) {}

} // namespace

extern const Rule unpinned_requirement{
    {
        .code = "VG701",
        .name = "unpinned-requirement",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 1357,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what =
                    "Flags a requirement with no version at all: `requests` in a requirements "
                    "file, a VCS requirement without a commit or tag "
                    "(`git+https://github.com/org/lib.git`, or `@main`: a ref with a digit in "
                    "it is taken as a commit hash or a version tag, a ref without one as a "
                    "branch), and in `pyproject.toml` a dependency with no constraint "
                    "(`\"requests\"`, Poetry's `\"*\"`, a Poetry git dependency without `rev` or "
                    "`tag`). Local paths, archives and `-r`/`-c` includes are left alone; in a "
                    "requirements file that names a constraints file (`-c`), versions are not "
                    "judged, since the pins live there; `[build-system] requires` is not read "
                    "(build tools are installed apart, and rarely pinned). In `pyproject.toml` the "
                    "finding is "
                    "LOW severity: a library declares the range it works with, and leaves "
                    "pinning to the application's lock file, but a dependency without even a "
                    "lower bound accepts releases the project was never tested with.",
                .why = "An unpinned requirement installs whatever is newest at install time: "
                       "builds stop being reproducible, and a compromised release (a hijacked "
                       "maintainer account, a typo-squatted name taking over) goes straight "
                       "into the next deployment. A branch of a git repository moves the "
                       "same way.",
                .example = "```text\n# requirements.txt\nrequests\n"
                           "git+https://github.com/org/lib.git@main#egg=lib\n```",
                .use_instead =
                    "```text\nrequests==2.32.3 \\\n    --hash=sha256:70761cfe03c773ceb22aa2f671b4"
                    "757976145175cdfca038c02654d061d6dcc6\n"
                    "git+https://github.com/org/lib.git@3f1c2a9e0b7d4c5e6f8a9b0c1d2e3f4a5b6c7d8e"
                    "#egg=lib\n```\n\nGenerate the pins with `pip-compile --generate-hashes` "
                    "(pip-tools), `uv pip compile` or `pip freeze`. No quick fix: only the "
                    "project knows the version it tested.",
                .references = "- https://pip.pypa.io/en/stable/topics/repeatable-installs/\n"
                              "- https://pip.pypa.io/en/stable/topics/secure-installs/\n"
                              "- https://cwe.mitre.org/data/definitions/1357.html",
                .vs_bandit = "Bandit and ruff read only Python files and have no such check.",
            },
    },
    {},
    no_check,
};

extern const Rule loosely_pinned_requirement{
    {
        .code = "VG702",
        .name = "loosely-pinned-requirement",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 1357,
        .severity = Level::Low,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a requirement in a requirements file whose version is a range "
                        "rather than one release: only `>=`, `>`, `<`, `<=`, `~=`, `!=`, or a "
                        "wildcard `==1.*`. `==` and `===` pin. Lock-like files (every line "
                        "`==` with `--hash`) are clean. Never flagged in `pyproject.toml`: a "
                        "library's `[project] dependencies` and Poetry's `^`/`~` constraints "
                        "declare what the package works with on purpose, and pinning them "
                        "would make it impossible to install next to other packages; pins "
                        "belong in the application's requirements or lock file.",
                .why = "A requirements file is what gets installed in CI and production. With a "
                       "range, two installs a day apart can get different code, and a "
                       "malicious or broken release inside the range is installed without "
                       "anyone choosing it.",
                .example = "```text\nflask>=2.0\ndjango~=4.2\n```",
                .use_instead = "```text\nflask==3.0.3\ndjango==4.2.16\n```\n\nKeep the ranges "
                               "in a `requirements.in` and compile them to a pinned "
                               "`requirements.txt` with pip-tools or `uv pip compile`.",
                .references =
                    "- https://pip.pypa.io/en/stable/topics/repeatable-installs/\n"
                    "- https://packaging.python.org/en/latest/specifications/version-specifiers/",
                .vs_bandit = "Bandit and ruff read only Python files and have no such check.",
            },
    },
    {},
    no_check,
};

extern const Rule insecure_index_url{
    {
        .code = "VG703",
        .name = "insecure-index-url",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 494,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a package index or download location over plain `http://`: "
                        "`--index-url`/`-i`, `--extra-index-url`, `--find-links`/`-f` in a "
                        "requirements file, `[[tool.poetry.source]] url`, `[tool.uv]` "
                        "`index-url`, `extra-index-url`, `find-links` and `[[tool.uv.index]] "
                        "url`, and requirements installed from an `http://` URL "
                        "(`pkg @ http://...`, `git+http://...`). Hosts where plain HTTP is "
                        "expected are left alone, as in VG140: `localhost`, loopback, private "
                        "and link-local addresses, single-label names, and reserved names such "
                        "as `*.internal` and `*.test`; so are `${VAR}` hosts.",
                .why = "pip runs code from what it downloads (setup.py, build backends) and "
                       "then the package itself. Over plain HTTP anyone on the network path "
                       "can swap a package for their own, unless every requirement has a "
                       "`--hash`.",
                .example = "```text\n--index-url http://pypi.example-corp.com/simple\n```",
                .use_instead = "```text\n--index-url https://pypi.example-corp.com/simple\n```"
                               "\n\nThe quick fix (offered, never applied automatically: the "
                               "server must speak HTTPS) changes the scheme.",
                .references = "- https://pip.pypa.io/en/stable/topics/secure-installs/\n"
                              "- https://cwe.mitre.org/data/definitions/494.html",
                .vs_bandit = "Bandit and ruff read only Python files and have no such check.",
            },
    },
    {},
    no_check,
};

extern const Rule index_url_credentials{
    {
        .code = "VG704",
        .name = "index-url-credentials",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 798,
        .severity = Level::High,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags a URL in a requirements file or `pyproject.toml` (an index, a "
                        "`--find-links` location, a VCS or direct-URL requirement, a Poetry or "
                        "uv source) whose user information holds a password "
                        "(`https://user:secret@host/`) or a username that is an access token "
                        "(`ghp_...`, `github_pat_...`, `glpat-...`, or 32 characters or more). "
                        "`${VAR}` placeholders, which pip expands from the environment, and a "
                        "plain user name (`git@`) are left alone. The message names the host, "
                        "never the credential.",
                .why = "Requirements files are committed, copied into images and printed by "
                       "pip and CI logs: a password in them is readable by everyone who can "
                       "read any of those, and outlives the person who put it there.",
                .example = "```text\n--extra-index-url https://ci:s3cr3t@pypi.example-corp.com/"
                           "simple\n```",
                .use_instead = "```text\n--extra-index-url https://${PIP_USER}:${PIP_PASSWORD}"
                               "@pypi.example-corp.com/simple\n```\n\nor leave the URL without "
                               "credentials and use `keyring` or `~/.netrc`. Revoke the exposed "
                               "credential. No quick fix: the credential has to be moved, not "
                               "deleted.",
                .references = "- https://pip.pypa.io/en/stable/topics/authentication/\n"
                              "- https://pip.pypa.io/en/stable/reference/requirements-file-format/"
                              "#using-environment-variables\n"
                              "- https://cwe.mitre.org/data/definitions/798.html",
                .vs_bandit = "Bandit and ruff read only Python files and have no such check "
                             "(Bandit's B105-B107 look for passwords in Python code).",
            },
        .reveals_secret = true,
    },
    {},
    no_check,
};

extern const Rule trusted_host{
    {
        .code = "VG705",
        .name = "trusted-host",
        .bandit_name = "",
        .ruff_code = "",
        .cwe = 295,
        .severity = Level::Medium,
        .confidence = Level::High,
        .profiles = ProfileDefault,
        .doc =
            {
                .what = "Flags `--trusted-host HOST` in a requirements file and "
                        "`allow-insecure-host` in `[tool.uv]`, except for hosts where plain "
                        "HTTP is expected (as in VG703: `localhost`, loopback and private "
                        "addresses, single-label names), such as a local devpi.",
                .why = "A trusted host is one pip does not verify: its TLS certificate is not "
                       "checked and plain `http://` to it is accepted. Whoever can intercept "
                       "the connection can then serve packages in the host's name. It is "
                       "usually added to get past a certificate error, which is exactly the "
                       "warning it silences.",
                .example = "```text\n--index-url https://pypi.example-corp.com/simple\n"
                           "--trusted-host pypi.example-corp.com\n```",
                .use_instead = "```text\n--index-url https://pypi.example-corp.com/simple\n```"
                               "\n\nand make the host's certificate verifiable: add the "
                               "company CA with `--cert` / `PIP_CERT` (or `truststore`). No "
                               "quick fix: removing the option breaks installs until the "
                               "certificate is trusted.",
                .references = "- https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host\n"
                              "- https://pip.pypa.io/en/stable/topics/https-certificates/\n"
                              "- https://cwe.mitre.org/data/definitions/295.html",
                .vs_bandit = "Bandit and ruff read only Python files and have no such check.",
            },
    },
    {},
    no_check,
};

} // namespace vigil::analysis::rules

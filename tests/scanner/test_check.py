"""`vigil check` driven as a user would: a real binary over fixture trees built in a temporary
directory (symlinks, FIFOs and undecodable files cannot live in the repository).

Files whose walking is under test hold a syntax error, so that each one scanned shows up as a
"syntax-error" element of the JSON report even while the rule set is empty. Tests that need
findings use B307 (eval) and B102 (exec) and are skipped, saying so, until those rules exist.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import sarif_validate  # noqa: E402

VIGIL = os.environ.get("VIGIL_BIN", "vigil")
BROKEN = "def broken(:\n"


def run(args, cwd, stdin=None, env=None):
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    full_env.update(env or {})
    proc = subprocess.run([VIGIL, "check", *args], cwd=cwd, input=stdin, capture_output=True,
                          env=full_env, timeout=60)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def make_tree(root, files):
    for name, content in files.items():
        path = Path(root, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def scanned_paths(report):
    """Paths with a syntax-error element, in report order."""
    return [e["path"] for e in report if e.get("kind") == "syntax-error"]


def rules_available(*codes):
    out = subprocess.run([VIGIL, "rules", "--format", "json"], capture_output=True, check=True)
    known = {rule["code"] for rule in json.loads(out.stdout)}
    return all(code in known for code in codes)


class TempTree(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory()
        self.root = self._dir.name

    def tearDown(self):
        # Make everything removable again (chmod tests).
        for dirpath, dirnames, filenames in os.walk(self.root):
            for name in dirnames + filenames:
                try:
                    os.chmod(os.path.join(dirpath, name), 0o755, follow_symlinks=False)
                except (OSError, NotImplementedError):
                    pass
        self._dir.cleanup()

    def check_json(self, args, expect_rc=0, cwd=None):
        rc, out, err = run(["--format", "json", *args], cwd or self.root)
        self.assertEqual(rc, expect_rc, msg=err)
        return json.loads(out), err


class WalkTest(TempTree):
    def test_gitignore_nested_negation_anchors_and_double_star(self):
        make_tree(self.root, {
            ".gitignore": "# comment\nbuild/\n*.gen.py\n!keep.gen.py\n/top_only.py\ndata/**/skip_*.py\n",
            "a.py": BROKEN,
            "build/b.py": BROKEN,
            "x.gen.py": BROKEN,
            "keep.gen.py": BROKEN,
            "top_only.py": BROKEN,
            "sub/top_only.py": BROKEN,
            "sub/.gitignore": "local.py\n",
            "sub/local.py": BROKEN,
            "sub/inner/local.py": BROKEN,
            "local.py": BROKEN,
            "data/skip_a.py": BROKEN,
            "data/x/y/skip_b.py": BROKEN,
            "data/x/keep.py": BROKEN,
            "notes.txt": BROKEN,
            "tool.pyw": BROKEN,
        })
        report, _ = self.check_json([])
        self.assertEqual(scanned_paths(report), [
            "a.py", "data/x/keep.py", "keep.gen.py", "local.py", "sub/top_only.py", "tool.pyw",
        ])

    def test_gitignore_of_enclosing_repository_applies_to_a_subdirectory_scan(self):
        make_tree(self.root, {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".gitignore": "src/generated/\n",
            "src/app.py": BROKEN,
            "src/generated/gen.py": BROKEN,
        })
        report, _ = self.check_json(["src"])
        self.assertEqual(scanned_paths(report), ["src/app.py"])

    def test_skipped_directories_and_virtualenvs(self):
        make_tree(self.root, {
            ".git/hook.py": BROKEN,
            "__pycache__/c.py": BROKEN,
            "node_modules/n.py": BROKEN,
            "env/pyvenv.cfg": "home = /usr/bin\n",
            "env/lib/v.py": BROKEN,
            "venv/not_a_virtualenv.py": BROKEN,  # the stdlib has a package named venv
            "ok.py": BROKEN,
        })
        report, _ = self.check_json([])
        self.assertEqual(scanned_paths(report), ["ok.py", "venv/not_a_virtualenv.py"])

    def test_exclude_patterns_and_no_gitignore(self):
        make_tree(self.root, {
            ".gitignore": "ignored.py\n",
            "ignored.py": BROKEN,
            "app.py": BROKEN,
            "app_test.py": BROKEN,
            "tests/t.py": BROKEN,
        })
        report, _ = self.check_json(["--exclude", "tests/", "--exclude", "*_test.py"])
        self.assertEqual(scanned_paths(report), ["app.py"])
        report, _ = self.check_json(["--no-gitignore"])
        self.assertEqual(scanned_paths(report), ["app.py", "app_test.py", "ignored.py", "tests/t.py"])

    def test_explicit_file_is_scanned_even_if_excluded_or_not_python(self):
        make_tree(self.root, {"script": BROKEN, ".gitignore": "script\n"})
        report, _ = self.check_json(["script"])
        self.assertEqual(scanned_paths(report), ["script"])

    def test_symlink_loop_and_links_out_of_the_tree_are_not_followed(self):
        outside = tempfile.TemporaryDirectory()
        self.addCleanup(outside.cleanup)
        make_tree(outside.name, {"evil.py": BROKEN})
        make_tree(self.root, {"pkg/a.py": BROKEN})
        os.symlink("..", os.path.join(self.root, "pkg", "loop"))
        os.symlink(outside.name, os.path.join(self.root, "outside"))
        os.symlink(os.path.join(outside.name, "evil.py"), os.path.join(self.root, "evil.py"))
        os.symlink("pkg/a.py", os.path.join(self.root, "alias.py"))
        report, err = self.check_json([])
        self.assertEqual(scanned_paths(report), ["pkg/a.py"])
        self.assertIn("scanned 1 file", err)

    def test_many_files_come_out_in_walk_order(self):
        files = {f"d{i // 50:02d}/f{i % 50:02d}.py": BROKEN for i in range(400)}
        make_tree(self.root, files)
        report, err = self.check_json(["--jobs", "4"])
        self.assertEqual(scanned_paths(report), sorted(files))
        self.assertIn("scanned 400 files", err)


class BadFilesTest(TempTree):
    def test_unreadable_binary_undecodable_files_do_not_stop_the_scan(self):
        make_tree(self.root, {
            "a_first.py": BROKEN,
            "binary.py": b"\x7fELF\x00\x00\x01",
            "invalid.py": b"x = 1\ns = '\xff\xfe'\n",
            "latin.py": b"# -*- coding: latin-1 -*-\ns = '\xe9t\xe9'\ndef broken(:\n",
            "bom.py": b"\xef\xbb\xbfdef broken(:\n",
            "z_last.py": BROKEN,
        })
        os.mkfifo(os.path.join(self.root, "fifo.py"))
        os.symlink("missing.py", os.path.join(self.root, "dangling.py"))
        unreadable = not os.geteuid() == 0
        if unreadable:
            make_tree(self.root, {"secret.py": BROKEN})
            os.chmod(os.path.join(self.root, "secret.py"), 0)
        report, err = self.check_json(["."])  # (a dangling link named here: NeverDieTest)
        errors = {e["path"]: e["message"] for e in report if e["kind"] == "error"}
        self.assertIn("NUL", errors["binary.py"])
        self.assertIn("invalid UTF-8", errors["invalid.py"])
        self.assertIn("line 2", errors["invalid.py"])
        self.assertEqual(errors["fifo.py"], "not a regular file")
        if unreadable:
            self.assertIn("Permission denied", errors["secret.py"])
        # The latin-1 file is decoded, the BOM file read, and the scan went on to the end.
        syntax = {e["path"]: (e["line"], e["column"]) for e in report if e["kind"] == "syntax-error"}
        self.assertEqual(set(syntax), {"a_first.py", "latin.py", "bom.py", "z_last.py"})
        self.assertEqual(syntax["bom.py"], (1, 12))  # the BOM is not a column
        self.assertIn("vigil: binary.py: binary file", err)
        self.assertIn("scanned 4 files", err)

    def test_pep263_cookie_on_second_line(self):
        make_tree(self.root, {"l.py": b"#!/usr/bin/python\n# vim: set fileencoding=iso-8859-15 :\ns = '\xa4'\n"})
        report, err = self.check_json([])
        self.assertEqual([e for e in report if e["kind"] == "error"], [], msg=err)
        self.assertIn("scanned 1 file", err)


class CliTest(TempTree):
    def test_exit_codes_for_usage_errors(self):
        make_tree(self.root, {"ok.py": "x = 1\n"})
        for args in (["missing_dir"], ["--severity", "extreme"], ["--format", "xml"],
                     ["--profile", "nope"], ["--baseline", "nope.json"], ["--bogus"]):
            rc, _, err = run(args, self.root)
            self.assertEqual(rc, 2, msg=f"{args}: {err}")
        rc, out, err = run([], self.root)
        self.assertEqual(rc, 0, msg=err)
        self.assertEqual(out, "")
        self.assertRegex(err, r"^vigil: scanned 1 file in \d+\.\d\ds: no findings\n$")

    def test_quiet_and_output_file(self):
        make_tree(self.root, {"bad.py": BROKEN})
        rc, out, err = run(["--format", "json", "--output", "report.json", "--quiet"], self.root)
        self.assertEqual((rc, out, err), (0, "", ""))
        report = json.loads(Path(self.root, "report.json").read_text())
        self.assertEqual(report, [{"kind": "syntax-error", "path": "bad.py",
                                   "message": "syntax error; analysed the parts that parse",
                                   "line": 1, "column": 12}])

    def test_stdin_filename(self):
        rc, out, err = run(["--format", "json", "--stdin-filename", "pkg/mod.py"], self.root,
                           stdin=b"x = 1\n\ndef broken(:\n")
        self.assertEqual(rc, 0, msg=err)
        self.assertEqual(json.loads(out), [{"kind": "syntax-error", "path": "pkg/mod.py",
                                            "message": "syntax error; analysed the parts that parse",
                                            "line": 3, "column": 12}])

    def test_empty_json_report_is_an_empty_array(self):
        make_tree(self.root, {"ok.py": "x = 1\n"})
        report, _ = self.check_json([])
        self.assertEqual(report, [])

    def test_sarif_without_findings_is_valid_and_carries_notifications(self):
        make_tree(self.root, {"ok.py": "x = 1\n", "bin.py": b"\x00"})
        rc, out, err = run(["--format", "sarif"], self.root)
        self.assertEqual(rc, 0, msg=err)
        log = json.loads(out)
        self.assertEqual(sarif_validate.validate(log), 0)
        run_ = log["runs"][0]
        self.assertEqual(run_["tool"]["driver"]["name"], "vigil")
        notes = run_["invocations"][0]["toolExecutionNotifications"]
        self.assertEqual(len(notes), 1)
        self.assertEqual(notes[0]["level"], "error")
        self.assertEqual(notes[0]["locations"][0]["physicalLocation"]["artifactLocation"],
                         {"uri": "bin.py", "uriBaseId": "%SRCROOT%"})


FIXTURE = {
    "app/__init__.py": "",
    "app/run.py": (
        "import os\n"
        "\n"
        "def handler(data):\n"
        "    value = eval(data)\n"
        "    exec(data)\n"
        "    return value\n"
    ),
    "app/clean.py": "def f(x):\n    return x + 1\n",
    "app/uni.py": "s = 'héllo'; eval(s)\n",
}


@unittest.skipUnless(rules_available("B307", "B102"),
                     "needs rules B307 (eval) and B102 (exec), not registered yet")
class FindingsTest(TempTree):
    def setUp(self):
        super().setUp()
        make_tree(self.root, FIXTURE)

    def test_json_report_exact_positions(self):
        report, err = self.check_json(["--select", "B307,B102"], expect_rc=1)
        findings = [e for e in report if e["kind"] == "finding"]
        summary = [(f["path"], f["line"], f["column"], f["end_line"], f["end_column"], f["code"])
                   for f in findings]
        self.assertEqual(summary, [
            # Calls are flagged on their callee (the squiggle goes under `eval`, not the call).
            ("app/run.py", 4, 13, 4, 17, "B307"),
            ("app/run.py", 5, 5, 5, 9, "B102"),
            ("app/uni.py", 1, 14, 1, 18, "B307"),  # columns count code points: é is one
        ])
        for f in findings:
            self.assertEqual(set(f), {"kind", "path", "line", "column", "end_line", "end_column",
                                      "code", "severity", "confidence", "cwe", "message",
                                      "fix_available", "fingerprint"})
            self.assertIn(f["severity"], {"LOW", "MEDIUM", "HIGH"})
            self.assertTrue(f["message"])
            self.assertRegex(f["fingerprint"], r"^[0-9a-f]{16}:\d+$")
        self.assertIn("3 findings", err)

    def test_text_report(self):
        rc, out, _ = run(["--select", "B307", "app/run.py"], self.root)
        self.assertEqual(rc, 1)
        lines = out.splitlines()
        self.assertRegex(lines[0], r"^app/run\.py:4:13: B307 \[(LOW|MEDIUM|HIGH)/(LOW|MEDIUM|HIGH)\] .+")
        self.assertEqual(lines[1], "    4 |     value = eval(data)")
        self.assertEqual(lines[2], "      |             ^^^^")
        self.assertNotIn("\033[", out)  # not a terminal: no colour
        rc, out, _ = run(["--select", "B307", "--color", "app/run.py"], self.root)
        self.assertIn("\033[", out)

    def test_exit_codes_filters_and_exit_zero(self):
        self.assertEqual(run(["--select", "B307"], self.root)[0], 1)
        self.assertEqual(run(["--select", "B307", "--exit-zero"], self.root)[0], 0)
        self.assertEqual(run(["--select", "B307", "--ignore", "B3"], self.root)[0], 1)  # more specific wins
        self.assertEqual(run(["--select", "B3", "--ignore", "B307"], self.root)[0], 0)
        self.assertEqual(run(["app/clean.py"], self.root)[0], 0)
        report, _ = self.check_json(["--select", "S307"], expect_rc=1)  # ruff alias
        self.assertEqual({f["code"] for f in report}, {"B307"})

    def test_benchmark_floors_scan_every_file_and_run_no_rule(self):
        # --parse-only and --walk-only (hidden, for tests/bench/scan_bench.sh) read and parse
        # every file the full scan reads, report no finding and exit 0 on files that have some.
        _, _, full_err = run([], self.root)
        scanned = re.search(r"scanned (\d+) files", full_err)
        self.assertIsNotNone(scanned, msg=full_err)
        for floor in ("--parse-only", "--walk-only"):
            rc, out, err = run(["--format", "json", floor], self.root)
            self.assertEqual(rc, 0, msg=err)
            self.assertEqual([e for e in json.loads(out) if e["kind"] == "finding"], [])
            self.assertIn(f"scanned {scanned.group(1)} files", err)

    def test_list_options_leave_the_following_paths_alone(self):
        make_tree(self.root, {"cli/one.py": "eval(x)\nexec(y)\n", "cli/two.py": "eval(z)\n"})
        # `--ignore B102 cli/one.py`: the file is a path, not a second code to ignore.
        report, _ = self.check_json(["--ignore", "B102", "cli/one.py"], expect_rc=1)
        self.assertEqual([(f["path"], f["code"]) for f in report], [("cli/one.py", "B307")])
        # Repeated options add up; comma lists work too.
        report, _ = self.check_json(["--select", "B307", "--select", "B102", "--exclude",
                                     "two.py", "cli"], expect_rc=1)
        self.assertEqual(sorted(f["code"] for f in report), ["B102", "B307"])
        report, _ = self.check_json(["--select", "B307,B102", "cli/two.py"], expect_rc=1)
        self.assertEqual([(f["path"], f["code"]) for f in report], [("cli/two.py", "B307")])

    def test_project_configuration_applies_per_directory(self):
        # The nearest [tool.vigil] decides; a [tool.bandit]-only project gets its skips; a broken
        # file is reported once and the defaults apply.
        make_tree(self.root, {
            "pyproject.toml": "[tool.vigil]\nignore = [\"B102\"]\n",
            "banditproj/pyproject.toml": "[tool.bandit]\nskips = [\"B307\"]\n",
            "banditproj/m.py": "eval(x)\nexec(y)\n",
            "broken/pyproject.toml": "[tool.vigil\n",
            "broken/m.py": "eval(x)\nexec(y)\n",
        })
        # No --select here: a selection on the command line replaces the files' own.
        report, err = self.check_json([], expect_rc=1)
        found = sorted((f["path"], f["code"]) for f in report
                       if f["kind"] == "finding" and f["code"] in ("B307", "B102"))
        self.assertEqual(found, [
            ("app/run.py", "B307"),             # root config ignores B102
            ("app/uni.py", "B307"),
            ("banditproj/m.py", "B102"),        # Bandit's skips: B307 off
            ("broken/m.py", "B102"),            # broken config: defaults
            ("broken/m.py", "B307"),
        ])
        self.assertEqual(err.count("broken/pyproject.toml"), 1)
        self.assertIn("invalid TOML", err)

    def test_configured_excludes_apply_below_their_file(self):
        make_tree(self.root, {
            "proj/pyproject.toml": "[tool.vigil]\nexclude = [\"generated\", \"legacy/*.py\"]\n",
            "proj/generated/g.py": "eval(x)\n",
            "proj/legacy/old.py": "eval(x)\n",
            "proj/legacy/keep/k.py": "eval(x)\n",
            "proj/app.py": "eval(x)\n",
            "bproj/.bandit": "[bandit]\nexclude = vendor\n",
            "bproj/vendor/v.py": "eval(x)\n",
            "bproj/main.py": "eval(x)\n",
        })
        report, _ = self.check_json(["proj", "bproj"], expect_rc=1)
        paths = sorted({f["path"] for f in report if f["kind"] == "finding"})
        self.assertEqual(paths, ["bproj/main.py", "proj/app.py", "proj/legacy/keep/k.py"])

    def test_diff_and_fix_on_a_copy_of_a_project(self):
        make_tree(self.root, {
            "fixme/m.py": "import yaml\ndata = yaml.load(s)\nx = eval(t)\n",
        })
        path = os.path.join(self.root, "fixme", "m.py")
        os.chmod(path, 0o640)
        rc, out, _ = run(["--diff", "fixme"], self.root)
        self.assertEqual(rc, 1)
        self.assertEqual(out, "--- a/fixme/m.py\n+++ b/fixme/m.py\n@@ -1,3 +1,3 @@\n import yaml\n"
                              "-data = yaml.load(s)\n+data = yaml.safe_load(s)\n x = eval(t)\n")
        with open(path) as handle:
            self.assertIn("yaml.load(s)", handle.read())  # --diff changes nothing
        report, err = self.check_json(["--fix", "fixme"], expect_rc=1)
        with open(path) as handle:
            self.assertEqual(handle.read(), "import yaml\ndata = yaml.safe_load(s)\nx = eval(t)\n")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o640)
        # What remains is reported: eval's fix is unsafe, never applied automatically.
        self.assertEqual([f["code"] for f in report if f["kind"] == "finding"], ["B307"])
        self.assertIn("1 finding fixed", err)
        self.assertEqual(run(["--diff", "fixme"], self.root)[0], 0)  # nothing left to fix

    def test_sarif_report(self):
        rc, out, err = run(["--format", "sarif", "--select", "B307,B102"], self.root)
        self.assertEqual(rc, 1, msg=err)
        log = json.loads(out)
        self.assertEqual(sarif_validate.validate(log), 3)
        run_ = log["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        result = run_["results"][0]
        self.assertEqual(result["ruleId"], "B307")
        rule = rules[result["ruleIndex"]]
        self.assertIn("security", rule["properties"]["tags"])
        self.assertTrue(any(t.startswith("external/cwe/cwe-") for t in rule["properties"]["tags"]))
        self.assertTrue(rule["help"]["markdown"])
        location = result["locations"][0]["physicalLocation"]
        self.assertEqual(location["artifactLocation"], {"uri": "app/run.py", "uriBaseId": "%SRCROOT%"})
        self.assertEqual(location["region"], {"startLine": 4, "startColumn": 13, "endLine": 4, "endColumn": 17})
        levels = {"HIGH": "error", "MEDIUM": "warning", "LOW": "note"}
        self.assertEqual(result["level"], levels[result["properties"]["severity"]])

    def test_data_flow_path_in_every_report_format(self):
        make_tree(self.root, {"web/views.py": (
            "from flask import Flask, request\n"
            "app = Flask(__name__)\n"
            "@app.route('/read')\n"
            "def read():\n"
            "    name = request.args['name']\n"
            "    path = '/srv/' + name\n"
            "    return open(path).read()\n")})
        report, _ = self.check_json(["--select", "VG304", "web"], expect_rc=1)
        findings = [e for e in report if e["kind"] == "finding"]
        self.assertEqual([(f["code"], f["line"], f["column"]) for f in findings], [("VG304", 7, 17)])
        steps = [(s["line"], s["column"], s["message"]) for s in findings[0]["flow"]]
        self.assertEqual(steps, [(5, 12, "`request.args` enters here"), (5, 5, "flows into `name`"),
                                 (6, 5, "flows into `path`"), (7, 17, "reaches `open()` here")])
        self.assertEqual(findings[0]["flow"][0]["end_column"], 24)  # `request.args` is 12 wide

        rc, out, err = run(["--format", "sarif", "--select", "VG304", "web"], self.root)
        self.assertEqual(rc, 1, msg=err)
        log = json.loads(out)
        self.assertEqual(sarif_validate.validate(log), 1)
        flow = log["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"][0]["locations"]
        self.assertEqual([(s["location"]["physicalLocation"]["region"]["startLine"],
                           s["location"]["message"]["text"]) for s in flow],
                         [(5, "`request.args` enters here"), (5, "flows into `name`"),
                          (6, "flows into `path`"), (7, "reaches `open()` here")])

        rc, out, err = run(["--select", "VG304", "--no-color", "web"], self.root)
        self.assertEqual(rc, 1, msg=err)
        self.assertIn("= flow:\n", out)
        self.assertIn("    5:12: `request.args` enters here\n", out)
        self.assertIn("    7:17: reaches `open()` here\n", out)

        # A constant path is no flow: nothing is reported.
        make_tree(self.root, {"web/views.py": "open('/srv/index.html')\n"})
        report, _ = self.check_json(["--select", "VG304", "web"])
        self.assertEqual(report, [])

    def test_text_report_never_prints_a_secret(self):
        make_tree(self.root, {
            "app/settings.py": 'password = "hunter2-correct-horse"\n'
                               'token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"  # note\n'
                               'value = eval(user_input)\n',
            "requirements.txt": "--index-url https://deploy:s3cr3t-pw@pypi.example.com/simple\n"
                                "requests==2.31.0\n"})
        rc, out, err = run(["--profile", "all", "--no-color", "app", "requirements.txt"], self.root)
        self.assertEqual(rc, 1, msg=err)
        for secret in ("hunter2-correct-horse", "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                       "s3cr3t-pw"):
            self.assertNotIn(secret, out)
        self.assertIn("B105", out)
        self.assertIn("VG201", out)
        self.assertIn("VG704", out)
        # The rest of each line stays, masked one '*' per character so the carets still fit.
        self.assertIn('    1 | password = ' + "*" * len('"hunter2-correct-horse"') + "\n", out)
        self.assertIn("  # note\n", out)
        self.assertIn("    3 | value = eval(user_input)\n", out)
        # Fingerprints come from the source, not from what is shown: a baseline still matches.
        report = json.loads(run(["--profile", "all", "--format", "json", "app"], self.root)[1])
        baseline = Path(self.root, "baseline.json")
        baseline.write_text(json.dumps(report), encoding="utf-8")
        rc, out, err = run(["--profile", "all", "--baseline", str(baseline), "app"], self.root)
        self.assertEqual(rc, 0, msg=out + err)

    def test_sarif_fingerprints_survive_line_shifts(self):
        first = json.loads(run(["--format", "sarif", "--select", "B307"], self.root)[1])
        run_py = Path(self.root, "app/run.py")
        run_py.write_text("# a header\n\n\n" + run_py.read_text())
        second = json.loads(run(["--format", "sarif", "--select", "B307"], self.root)[1])
        fps = lambda log: [r["partialFingerprints"] for r in log["runs"][0]["results"]]
        self.assertEqual(fps(first), fps(second))
        self.assertNotEqual(first["runs"][0]["results"][0]["locations"],
                            second["runs"][0]["results"][0]["locations"])

    def test_baseline_round_trip_with_shifted_lines(self):
        rc, _, err = run(["--select", "B307,B102", "--write-baseline", "baseline.json", "--exit-zero"], self.root)
        self.assertEqual(rc, 0, msg=err)
        # Nothing new against the baseline just written.
        rc, out, err = run(["--select", "B307,B102", "--baseline", "baseline.json"], self.root)
        self.assertEqual((rc, out), (0, ""), msg=err)
        self.assertIn("3 more in the baseline", err)
        # Lines inserted above the findings: still known.
        run_py = Path(self.root, "app/run.py")
        run_py.write_text("# one\n# two\n\n" + run_py.read_text())
        rc, out, err = run(["--format", "json", "--select", "B307,B102", "--baseline", "baseline.json"], self.root)
        self.assertEqual((rc, json.loads(out)), (0, []), msg=err)
        # A second copy of a known line is new; so is a new finding.
        run_py.write_text(run_py.read_text() + "\ndef other(data):\n    exec(data)\n    eval('1')\n")
        rc, out, err = run(["--format", "json", "--select", "B307,B102", "--baseline", "baseline.json"], self.root)
        self.assertEqual(rc, 1, msg=err)
        new = [(f["line"], f["code"]) for f in json.loads(out)]
        self.assertEqual(new, [(12, "B102"), (13, "B307")])


class DependencyFilesTest(TempTree):
    """Requirements files and pyproject.toml are scanned for VG701-VG705 (no Python parsing)."""

    FILES = {
        "requirements.txt": "--index-url http://pypi.corp-pkgs.com/simple\n"
                            "--trusted-host pypi.corp-pkgs.com\nrequests\nflask>=2.0\n"
                            "attrs==23.2.0 --hash=sha256:abc\n-r requirements/dev.txt\n",
        "requirements/dev.txt": "pytest  # nosec\nblack~=24.1\n",
        "dev-requirements.txt": "--extra-index-url https://ci:hunter2secret@pkgs.corp-pkgs.com/s\n",
        "pyproject.toml": "[project]\nname = \"p\"\ndependencies = [\"httpx\", \"rich>=13\"]\n",
        "notes.txt": "requests\n",
        "requirements.in": "requests\n",
        "app.py": "x = 1\n",
    }

    def test_dependency_files_are_found_and_reported(self):
        make_tree(self.root, self.FILES)
        report, err = self.check_json([], expect_rc=1)
        found = [(f["path"], f["line"], f["column"], f["code"]) for f in report
                 if f["kind"] == "finding"]
        self.assertEqual(found, [
            ("dev-requirements.txt", 1, 27, "VG704"),
            ("pyproject.toml", 3, 18, "VG701"),
            ("requirements/dev.txt", 2, 6, "VG702"),  # the directory's name sorts first
            ("requirements.txt", 1, 13, "VG703"),
            ("requirements.txt", 2, 1, "VG705"),
            ("requirements.txt", 3, 1, "VG701"),
            ("requirements.txt", 4, 6, "VG702"),
        ])
        self.assertNotIn("hunter2secret", json.dumps(report))
        self.assertIn("scanned 5 files", err)
        # Selection and the default profile apply as for Python rules.
        report, _ = self.check_json(["--select", "VG703"], expect_rc=1)
        self.assertEqual([f["code"] for f in report if f["kind"] == "finding"], ["VG703"])
        report, _ = self.check_json(["--profile", "bandit"])
        self.assertEqual([f for f in report if f["kind"] == "finding"], [])

    def test_named_file_text_and_sarif_output(self):
        make_tree(self.root, self.FILES)
        rc, out, err = run(["requirements.txt"], self.root)
        self.assertEqual(rc, 1, msg=err)
        self.assertIn("requirements.txt:3:1: VG701", out)
        rc, out, err = run(["--format", "sarif", "requirements.txt", "pyproject.toml"], self.root)
        self.assertEqual(rc, 1, msg=err)
        log = json.loads(out)
        sarif_validate.validate(log)
        results = log["runs"][0]["results"]
        self.assertEqual(sorted(r["ruleId"] for r in results),
                         ["VG701", "VG701", "VG702", "VG703", "VG705"])
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        self.assertEqual(uris, {"requirements.txt", "pyproject.toml"})

    def test_diff_offers_no_unsafe_fix(self):
        make_tree(self.root, self.FILES)
        rc, out, _ = run(["--diff", "--select", "VG703", "requirements.txt"], self.root)
        self.assertEqual((rc, out), (0, ""))  # http->https is unsafe: never applied automatically


class NeverDieTest(TempTree):
    """What a user can type must never crash the scanner (issue 15)."""

    def test_brackets_nested_deeper_than_the_parser_takes_are_reported_not_parsed(self):
        # 65,535 unclosed brackets made tree-sitter 0.20.7 free an invalid pointer.
        make_tree(self.root, {"a_deep.py": "x = " + "(" * 70000 + "\n", "b.py": "eval(x)\n",
                              "c_shallow.py": "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n"})
        rc, out, err = run(["--format", "json", "--select", "B307"], self.root)
        self.assertEqual(rc, 1, msg=err)
        report = json.loads(out)
        errors = {e["path"]: e["message"] for e in report if e["kind"] == "error"}
        self.assertEqual(list(errors), ["a_deep.py"])
        self.assertIn("too deeply nested", errors["a_deep.py"])
        self.assertEqual([(e["path"], e["code"]) for e in report if e["kind"] == "finding"],
                         [("b.py", "B307")])

    def test_absurd_thread_counts_are_usage_errors(self):
        make_tree(self.root, {"ok.py": "x = 1\n"})
        for flag in ("-j", "--jobs"):
            rc, _, err = run([flag, "100000"], self.root)
            self.assertEqual(rc, 2, msg=err)
            self.assertIn("100000", err)
        rc, _, err = run(["-j", "256"], self.root)
        self.assertEqual(rc, 0, msg=err)
        proc = subprocess.run([VIGIL, "server", "--threads", "100000"], input=b"",
                              capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 2, msg=proc.stderr)
        self.assertEqual(proc.stdout, b"")  # nothing but protocol on stdout, and no protocol here
        self.assertIn(b"100000", proc.stderr)

    def test_fewer_threads_than_asked_for_is_not_a_crash(self):
        # Under a 800 MB address-space limit, 256 threads with 8 MB stacks cannot all start;
        # a thread that failed to start aborted the scan (exit -6).
        import resource

        def limited():
            resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, resource.RLIM_INFINITY))
            resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20))

        probe = subprocess.run([VIGIL, "--version"], capture_output=True, preexec_fn=limited)
        if probe.returncode != 0:
            self.skipTest("this build cannot run under an address-space limit (sanitizers)")
        make_tree(self.root, {"app.py": "eval(x)\n"})
        proc = subprocess.run([VIGIL, "check", "-j", "256", "app.py"], cwd=self.root,
                              capture_output=True, preexec_fn=limited, timeout=60)
        self.assertEqual(proc.returncode, 1, msg=proc.stderr)
        self.assertIn(b"B307", proc.stdout)

    def test_a_report_or_baseline_never_overwrites_an_input_file(self):
        source = "import os\neval(x)\n"
        make_tree(self.root, {"app.py": source, "pkg/mod.py": source, "pkg/notes.txt": "x\n"})
        os.symlink("app.py", os.path.join(self.root, "alias.py"))
        for args in (["app.py", "-o", "app.py"],
                     ["app.py", "--write-baseline", "app.py"],
                     ["app.py", "-o", "./pkg/../app.py"],   # the same file by another name
                     ["alias.py", "-o", "app.py"],          # through a link
                     ["app.py", "-o", "alias.py"],
                     ["pkg", "-o", "pkg/mod.py"],           # a file the walk would scan
                     ["pkg", "--write-baseline", os.path.join(self.root, "pkg", "mod.py")]):
            rc, out, err = run(args, self.root)
            self.assertEqual(rc, 2, msg=f"{args}: {err}")
            self.assertIn("input", err, msg=args)
            self.assertEqual(Path(self.root, "app.py").read_text(), source, msg=args)
            self.assertEqual(Path(self.root, "pkg/mod.py").read_text(), source, msg=args)
        # Nor the report and the baseline over each other.
        rc, _, err = run(["app.py", "-o", "out.json", "--write-baseline", "./out.json"], self.root)
        self.assertEqual(rc, 2, msg=err)
        self.assertIn("same file", err)
        # A report next to the sources, or over a file the scan does not read, is fine.
        rc, _, err = run(["pkg", "app.py", "-o", "pkg/notes.txt", "--exit-zero"], self.root)
        self.assertEqual(rc, 0, msg=err)
        rc, _, err = run(["pkg", "--write-baseline", "baseline.json", "--exit-zero"], self.root)
        self.assertEqual(rc, 0, msg=err)

    def test_a_dangling_or_looping_link_named_on_the_command_line_is_a_usage_error(self):
        make_tree(self.root, {"ok.py": "x = 1\n"})
        os.symlink("missing.py", os.path.join(self.root, "dangling.py"))
        os.symlink("loop_b.py", os.path.join(self.root, "loop_a.py"))
        os.symlink("loop_a.py", os.path.join(self.root, "loop_b.py"))
        for name in ("dangling.py", "loop_a.py"):
            for quiet in ([], ["-q"]):
                rc, out, err = run([*quiet, "ok.py", name], self.root)
                self.assertEqual(rc, 2, msg=f"{name} {quiet}: {err}")
                self.assertIn(name, err)
        # Found while walking, such links are not followed (nor reported) as before.
        rc, _, err = run([], self.root)
        self.assertEqual(rc, 0, msg=err)

    def test_a_pyproject_that_toml_plus_plus_cannot_take_is_a_broken_configuration(self):
        deep_header = "[" + "a." * 50000 + "b]\n"
        deep_inline = "x = " + "[" * 10000 + "]" * 10000 + "\n"
        for name, text in (("header", deep_header), ("inline", deep_inline),
                           ("inline_table", "x = " + "{a = " * 10000 + "1" + "}" * 10000 + "\n")):
            with self.subTest(name):
                make_tree(self.root, {
                    f"{name}/pyproject.toml": "[tool.vigil]\nignore = [\"B307\"]\n" + text,
                    f"{name}/m.py": "eval(x)\n"})
                rc, out, err = run(["--format", "json", name], self.root)
                self.assertEqual(rc, 1, msg=err)  # the defaults apply: B307 is reported
                self.assertIn(f"{name}/pyproject.toml", err)
                self.assertIn(("m.py", "B307"), [(Path(f["path"]).name, f["code"])
                                                 for f in json.loads(out) if f["kind"] == "finding"])

    def test_bad_configuration_values_are_reported(self):
        for name, line in (("severity", 'severity = "hihg"'), ("profile", 'profile = "bandt"'),
                           ("select", "select = [602]")):
            with self.subTest(name):
                make_tree(self.root, {f"{name}/pyproject.toml": "[tool.vigil]\n" + line + "\n",
                                      f"{name}/m.py": "eval(x)\n"})
                rc, _, err = run([name], self.root)
                self.assertEqual(rc, 1, msg=err)
                self.assertIn(f"{name}/pyproject.toml:2", err)
                self.assertIn(name, err.split(f"{name}/pyproject.toml:2", 1)[1])


if __name__ == "__main__":
    unittest.main()

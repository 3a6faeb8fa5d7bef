"""Protocol tests against the real `vigil server` binary ($VIGIL_BIN), over pipes.

Synchronisation is by the test-only request `vigil/waitUntilIdle` (answered once every analysis
owed has been published), never by sleeping.
"""
import json
import os
import shutil
import tempfile
import unittest

from client import Client, frame, rng

URI = "file:///tmp/vigil-protocol-test/app.py"

# Where each rule puts its squiggle: calls are flagged on their callee.
# (line, start character, end character) in UTF-16 units for the document below.
EMOJI_DOC = "import subprocess\r\ns = '\U0001F600'; x = eval(s)\r\nsubprocess.run(cmd, shell=True)\r\n"
EXPECTED_UTF16 = [("B307", 1, 14, 18), ("B602", 2, 0, 14)]
EXPECTED_UTF8 = [("B307", 1, 16, 20), ("B602", 2, 0, 14)]


def summary(diagnostics):
    return sorted((d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                   d["range"]["end"]["character"]) for d in diagnostics)


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.client = Client()

    def tearDown(self):
        self.client.kill()
        self.assertEqual(self.client.violations, [], "the server wrote something that is not a frame")


class LifecycleTest(ServerTest):
    def test_shutdown_then_exit_is_0(self):
        reply = self.client.initialize()
        caps = reply["result"]["capabilities"]
        self.assertEqual(caps["positionEncoding"], "utf-16")
        self.assertEqual(caps["textDocumentSync"], {"openClose": True, "change": 2,
                                                    "save": {"includeText": False}})
        self.assertIn("diagnosticProvider", caps)
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_exit_without_shutdown_is_1(self):
        self.client.initialize()
        self.client.notify("exit")
        self.assertEqual(self.client.exit_code(), 1)

    def test_eof_after_shutdown_is_0_and_without_is_1(self):
        self.client.initialize()
        self.assertIsNone(self.client.call("shutdown")["result"])
        self.client.close_input()
        self.assertEqual(self.client.exit_code(), 0)
        other = Client()
        try:
            other.initialize()
            other.close_input()
            self.assertEqual(other.exit_code(), 1)
        finally:
            other.kill()

    def test_exit_before_initialize_is_1(self):
        self.client.notify("exit")
        self.assertEqual(self.client.exit_code(), 1)

    def test_encoding_negotiation(self):
        for offered, chosen in ((["utf-8", "utf-16"], "utf-8"), (["utf-32"], "utf-32"),
                                (["utf-7", "utf-16"], "utf-16"), (None, "utf-16")):
            client = Client()
            try:
                caps = {"general": {"positionEncodings": offered}} if offered else {}
                reply = client.initialize(caps)
                self.assertEqual(reply["result"]["capabilities"]["positionEncoding"], chosen)
                self.assertEqual(client.shutdown_and_exit(), 0)
            finally:
                client.kill()

    def test_version_and_help(self):
        import subprocess
        from client import VIGIL_BIN
        out = subprocess.run([VIGIL_BIN, "--version"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0)
        self.assertRegex(out.stdout, r"^vigil \d+\.\d+\.\d+")
        out = subprocess.run([VIGIL_BIN, "--help"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0)
        self.assertIn("server", out.stdout)
        # --stdio is accepted as editors pass it; --log-file receives the logs.
        log = tempfile.NamedTemporaryFile(suffix=".log", delete=False)
        log.close()
        client = Client(("--log-file", log.name, "--log-level", "debug", "server", "--stdio"))
        try:
            client.initialize()
            client.open(URI, "password = 'hunter2-secret'\neval(x)\n")
            client.wait_idle()
            self.assertEqual(client.shutdown_and_exit(), 0)
            self.assertEqual(client.stderr_text(), "")
            with open(log.name, encoding="utf-8") as handle:
                text = handle.read()
            self.assertIn("initialized", text)
            self.assertNotIn("hunter2", text)  # never document text in logs
        finally:
            client.kill()
            os.unlink(log.name)


class ErrorTest(ServerTest):
    def test_request_before_initialize(self):
        reply = self.client.call("textDocument/diagnostic", {"textDocument": {"uri": URI}})
        self.assertEqual(reply["error"]["code"], -32002)
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": URI, "languageId": "python", "version": 1, "text": "eval(x)\n"}})  # dropped
        self.client.initialize()
        reply = self.client.call("textDocument/diagnostic", {"textDocument": {"uri": URI}})
        self.assertEqual(reply["result"]["items"], [])  # the early didOpen was dropped

    def test_unknown_methods(self):
        self.client.initialize()
        self.assertEqual(self.client.call("vigil/noSuchThing")["error"]["code"], -32601)
        self.assertEqual(self.client.call("$/noSuchRequest")["error"]["code"], -32601)
        self.client.notify("$/noSuchNotification", {})
        self.client.notify("noSuchNotification", {})
        self.assertIsNone(self.client.call("vigil/waitUntilIdle")["result"])
        ids_answered = [r for rs in self.client.responses.values() for r in rs]
        self.assertEqual(len(ids_answered), 4)  # initialize, two errors, idle; nothing for notifications

    def test_invalid_params(self):
        self.client.initialize()
        self.assertEqual(self.client.call("textDocument/diagnostic", {})["error"]["code"], -32602)
        self.assertEqual(self.client.call("textDocument/hover", {
            "textDocument": {"uri": URI}, "position": {"line": -1, "character": 0}})["error"]["code"],
            -32602)
        self.assertEqual(self.client.call("textDocument/codeAction", {
            "textDocument": {"uri": URI}})["error"]["code"], -32602)

    def test_second_initialize_and_requests_after_shutdown(self):
        self.client.initialize()
        self.assertEqual(self.client.call("initialize", {"capabilities": {}})["error"]["code"], -32600)
        self.assertIsNone(self.client.call("shutdown")["result"])
        self.assertEqual(self.client.call("textDocument/diagnostic", {
            "textDocument": {"uri": URI}})["error"]["code"], -32600)
        self.client.notify("exit")
        self.assertEqual(self.client.exit_code(), 0)

    def test_malformed_json_and_frames_then_keeps_serving(self):
        self.client.initialize()
        self.client.send_raw(frame(b'{"a": 1,'))          # ParseError
        self.client.send_raw(frame(b"[1,2]"))              # not an object: InvalidRequest
        self.client.send_raw(b"Content-Type: nothing\r\n\r\n")  # no length: dropped
        self.client.send_raw(frame(b'{"x":'))              # ParseError
        self.client.send_raw(frame({"jsonrpc": "2.0", "id": {"bad": 1}, "method": "m"}))
        reply = self.client.call("vigil/waitUntilIdle")
        self.assertIsNone(reply["result"])
        errors = self.client.responses.get("null", [])
        codes = sorted(e["error"]["code"] for e in errors)
        self.assertEqual(codes, [-32700, -32700, -32600, -32600])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_requests_for_unopened_documents(self):
        self.client.initialize({"textDocument": {"codeAction": {"codeActionLiteralSupport": {}}}})
        other = "file:///nowhere.py"
        self.assertEqual(self.client.call("textDocument/diagnostic", {
            "textDocument": {"uri": other}})["result"], {"kind": "full", "items": []})
        self.assertIsNone(self.client.call("textDocument/hover", {
            "textDocument": {"uri": other}, "position": {"line": 0, "character": 0}})["result"])
        self.assertEqual(self.client.call("textDocument/codeAction", {
            "textDocument": {"uri": other}, "range": rng(0, 0, 0, 0),
            "context": {"diagnostics": []}})["result"], [])
        self.client.change(other, 2, [{"text": "x"}])  # ignored, no crash
        self.assertEqual(self.client.shutdown_and_exit(), 0)


class DiagnosticsTest(ServerTest):
    def flow(self, capabilities, expected):
        self.client.initialize(capabilities)
        self.client.open(URI, EMOJI_DOC, version=0)
        self.client.wait_idle()
        first = self.client.published(URI)[-1]
        self.assertEqual(first["version"], 0)
        self.assertEqual(summary(first["diagnostics"]), sorted(expected))
        for diagnostic in first["diagnostics"]:
            self.assertEqual(diagnostic["source"], "vigil")
            self.assertIn(diagnostic["severity"], (1, 2, 3))
            # Each links to its rule's page, which exists and documents that rule.
            href = diagnostic["codeDescription"]["href"]
            self.assertTrue(href.startswith("file://") and href.endswith(diagnostic["code"] + ".md"))
            with open(href[len("file://"):], encoding="utf-8") as page:
                self.assertTrue(page.read().startswith("# " + diagnostic["code"] + ":"))

        # Insert a line with exec(...) after line 0 (between "\r" and "\n" is never a position).
        self.client.change(URI, 1, [{"range": rng(1, 0, 1, 0), "text": "exec(code)\r\n"}])
        self.client.wait_idle()
        second = self.client.published(URI)[-1]
        self.assertEqual(second["version"], 1)
        shifted = [(c, line + 1, s, e) for c, line, s, e in expected]
        self.assertEqual(summary(second["diagnostics"]), sorted(shifted + [("B102", 1, 0, 4)]))

        # Replace `eval` by `repr` (the finding goes), in two changes in one notification.
        eval_line = 2
        start = [e for e in expected if e[0] == "B307"][0][2]
        self.client.change(URI, 2, [
            {"range": rng(eval_line, start, eval_line, start + 4), "text": ""},
            {"range": rng(eval_line, start, eval_line, start), "text": "repr"}])
        self.client.wait_idle()
        third = self.client.published(URI)[-1]
        self.assertEqual(third["version"], 2)
        self.assertEqual(sorted(d["code"] for d in third["diagnostics"]), ["B102", "B602"])

        self.client.notify("textDocument/didClose", {"textDocument": {"uri": URI}})
        self.client.wait_idle()
        self.assertEqual(self.client.published(URI)[-1]["diagnostics"], [])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_flow_in_utf16_with_crlf_and_an_astral_character(self):
        self.flow({}, EXPECTED_UTF16)

    def test_flow_in_utf8(self):
        self.flow({"general": {"positionEncodings": ["utf-8", "utf-16"]}}, EXPECTED_UTF8)

    def test_pull_diagnostics_with_result_ids(self):
        self.client.initialize({"textDocument": {"diagnostic": {}}})
        self.client.open(URI, EMOJI_DOC)
        full = self.client.call("textDocument/diagnostic", {"textDocument": {"uri": URI}})["result"]
        self.assertEqual(full["kind"], "full")
        self.assertEqual(summary(full["items"]), sorted(EXPECTED_UTF16))
        again = self.client.call("textDocument/diagnostic", {
            "textDocument": {"uri": URI}, "previousResultId": full["resultId"]})["result"]
        self.assertEqual(again, {"kind": "unchanged", "resultId": full["resultId"]})
        self.client.change(URI, 2, [{"range": rng(0, 0, 0, 0), "text": "\n"}])
        changed = self.client.call("textDocument/diagnostic", {
            "textDocument": {"uri": URI}, "previousResultId": full["resultId"]})["result"]
        self.assertEqual(changed["kind"], "full")
        self.assertNotEqual(changed["resultId"], full["resultId"])
        self.assertEqual(sorted(d["range"]["start"]["line"] for d in changed["items"]), [2, 3])
        self.client.wait_idle()
        self.assertEqual(self.client.published(URI), [])  # a pull client gets no pushes
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_burst_of_edits_publishes_only_the_last_version(self):
        self.client.initialize(options={"debounceMs": 200})
        self.client.open(URI, "x = 1\n")
        self.client.wait_idle()
        published_before = len(self.client.published(URI))
        for version in range(2, 52):
            text = "eval(a)\n" * (version % 3) + "x = %d\n" % version
            self.client.change(URI, version, [{"text": text}])
        self.client.wait_idle()
        after = self.client.published(URI)[published_before:]
        self.assertEqual([p["version"] for p in after], [51])
        self.assertEqual(len(after[0]["diagnostics"]), 51 % 3)

    def test_cancellation_is_answered_exactly_once(self):
        self.client.initialize({"textDocument": {"diagnostic": {}}})
        text = "eval(x)\n" * 20000  # long enough that the pull is still pending when cancelled
        self.client.open(URI, text)
        ids = [self.client.request("textDocument/diagnostic", {"textDocument": {"uri": URI}})
               for _ in range(5)]
        for id in ids:
            self.client.notify("$/cancelRequest", {"id": id})
        self.client.notify("$/cancelRequest", {"id": 99999})  # unknown: ignored
        self.client.wait_idle()
        self.client.drain(0.3)
        for id in ids:
            replies = self.client.responses.get(json.dumps(id), [])
            self.assertEqual(len(replies), 1, replies)
            reply = replies[0]
            if "error" in reply:
                self.assertEqual(reply["error"]["code"], -32800)
            else:
                self.assertEqual(reply["result"]["kind"], "full")
        self.assertEqual(self.client.shutdown_and_exit(), 0)


class RobustnessTest(ServerTest):
    def test_invalid_utf8_in_a_document(self):
        self.client.initialize()
        body = ('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":'
                '{"uri":"%s","languageId":"python","version":1,"text":"s = \'' % URI).encode()
        body += b"\xff\xfe" + "'\\neval(x)\\n\"}}}".encode()
        self.client.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.client.wait_idle()
        self.assertEqual(summary(self.client.published(URI)[-1]["diagnostics"]), [("B307", 1, 0, 4)])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_out_of_range_positions_are_clamped(self):
        self.client.initialize()
        self.client.open(URI, "x = 1\n")
        # Past the end of the line and of the file: appends at the end.
        self.client.change(URI, 2, [{"range": rng(0, 500, 0, 900), "text": "  # c"}])
        self.client.change(URI, 3, [{"range": rng(99, 0, 120, 4), "text": "eval(y)\n"}])
        self.client.wait_idle()
        # The text is now "x = 1  # c\neval(y)\n": the finding is on line 1.
        self.assertEqual(summary(self.client.published(URI)[-1]["diagnostics"]), [("B307", 1, 0, 4)])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_deeply_nested_and_huge_files(self):
        self.client.initialize()
        nested = "x = " + "(" * 5000 + "1" + ")" * 5000 + "\neval(z)\n"
        self.client.open("file:///tmp/nested.py", nested)
        ifs = "".join("    " * i + "if x:\n" for i in range(1000)) + "    " * 1000 + "eval(z)\n"
        self.client.open("file:///tmp/ifs.py", ifs)
        huge = "def f(a):\n    return a + 1\n" * 180000 + "eval(z)\n"  # about 5 MB
        self.client.open("file:///tmp/huge.py", huge)
        broken = "def (:\n  eval(\n" + "][" * 1000
        self.client.open("file:///tmp/broken.py", broken)
        # This test is about surviving these files, not speed: the sanitizer build needs about
        # 15 s for them on a quiet 2-core CI machine, so the safety net is wider here.
        self.client.wait_idle(timeout=120)
        for uri in ("file:///tmp/nested.py", "file:///tmp/huge.py"):
            self.assertIn("B307", [d["code"] for d in self.client.published(uri)[-1]["diagnostics"]])
        self.assertEqual(len(self.client.published("file:///tmp/ifs.py")), 1)
        self.assertEqual(len(self.client.published("file:///tmp/broken.py")), 1)
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_numbers_too_large_and_nesting_too_deep_are_errors_not_crashes(self):
        self.client.initialize()
        for number in (b"1e400", b"-1e400", b"9" * 400):
            self.client.send_raw(frame(b'{"jsonrpc":"2.0","id":5,"method":"textDocument/hover",'
                                       b'"params":{"x":' + number + b'}}'))
        # 60,000 levels of objects (about 300 KB) overflowed the stack.
        deep = b'{"a":' * 60000 + b"1" + b"}" * 60000
        self.client.send_raw(frame(b'{"jsonrpc":"2.0","id":6,"method":"m","params":' + deep + b"}"))
        self.client.send_raw(frame(b'{"jsonrpc":"2.0","id":7,"method":"m","params":[' +
                                   b"[" * 60000 + b"]" * 60000 + b"]}"))
        self.assertIsNone(self.client.wait_idle()["result"])
        errors = self.client.responses.get("null", [])
        self.assertEqual(sorted(e["error"]["code"] for e in errors), [-32700] * 3 + [-32600] * 2)
        self.assertTrue(all("nested" in e["error"]["message"]
                            for e in errors if e["error"]["code"] == -32600), errors)
        self.client.open(URI, "eval(x)\n")
        self.client.wait_idle()
        self.assertEqual(summary(self.client.published(URI)[-1]["diagnostics"]), [("B307", 0, 0, 4)])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_a_lone_surrogate_keeps_the_document_in_step(self):
        # JSON can carry a UTF-16 code unit that is no character ("\ud800"); it is read as
        # U+FFFD, one UTF-16 unit as well, so the client's positions after it stay right.
        self.client.initialize()
        self.client.open(URI, "s = '\ud800'; x = eval(s)\n")  # json.dumps escapes it
        self.client.wait_idle()
        self.assertEqual(summary(self.client.published(URI)[-1]["diagnostics"]), [("B307", 0, 13, 17)])
        self.client.change(URI, 2, [{"range": rng(0, 13, 0, 13), "text": "exec(s) or \udc00"}])
        self.client.change(URI, 3, [{"range": rng(0, 24, 0, 25), "text": ""}])  # the lone low half
        self.client.wait_idle()
        self.assertEqual(summary(self.client.published(URI)[-1]["diagnostics"]),
                         [("B102", 0, 13, 17), ("B307", 0, 24, 28)])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_fewer_threads_than_asked_for_is_not_a_crash(self):
        # Under an 800 MB address-space limit, 256 threads with 8 MB stacks cannot all start;
        # the thread pool threw from its constructor and the server aborted.
        import resource
        import subprocess

        def limited():
            resource.setrlimit(resource.RLIMIT_STACK, (8 << 20, resource.RLIM_INFINITY))
            resource.setrlimit(resource.RLIMIT_AS, (800 << 20, 800 << 20))

        probe = subprocess.run([os.environ.get("VIGIL_BIN", "vigil"), "--version"],
                               capture_output=True, preexec_fn=limited)
        if probe.returncode != 0:
            self.skipTest("this build cannot run under an address-space limit (sanitizers)")
        self.client.kill()
        self.client = Client(("server", "--threads", "256"), preexec_fn=limited)
        # The threads that started take nearly all the address space, so no analysis here: the
        # server starts, serves and stops cleanly, and says how many threads it has.
        self.client.initialize()
        self.assertIsNone(self.client.call("vigil/waitUntilIdle")["result"])
        self.assertEqual(self.client.shutdown_and_exit(), 0)
        self.assertRegex(self.client.stderr_text(), r"started \d+ of 256 analysis threads")

    def test_brackets_nested_deeper_than_the_parser_takes(self):
        # From 65,535 unclosed brackets on, tree-sitter 0.20.7 corrupts its heap: the document is
        # not parsed, and says why.
        self.client.initialize()
        deep = "x = " + "(" * 70000 + "\neval(y)\n"
        self.client.open(URI, deep)
        self.client.open("file:///tmp/other.py", "eval(z)\n")
        self.client.wait_idle()
        [diagnostic] = self.client.published(URI)[-1]["diagnostics"]
        self.assertIn("too deeply nested", diagnostic["message"])
        self.assertEqual(diagnostic["range"], rng(0, 0, 0, 0))
        self.assertEqual(summary(self.client.published("file:///tmp/other.py")[-1]["diagnostics"]),
                         [("B307", 0, 0, 4)])
        # Edited down to a depth that parses: analysed as usual; then deeper again.
        self.client.change(URI, 2, [{"range": rng(0, 4, 0, 4 + 70000), "text": "1"}])
        self.client.wait_idle()
        self.assertEqual([d["code"] for d in self.client.published(URI)[-1]["diagnostics"]], ["B307"])
        self.client.change(URI, 3, [{"range": rng(0, 4, 0, 4), "text": "[" * 70000}])
        self.client.wait_idle()
        [diagnostic] = self.client.published(URI)[-1]["diagnostics"]
        self.assertIn("too deeply nested", diagnostic["message"])
        self.assertEqual(self.client.shutdown_and_exit(), 0)


class EditorFeaturesTest(ServerTest):
    CAPS = {"textDocument": {"codeAction": {"codeActionLiteralSupport": {
        "codeActionKind": {"valueSet": ["quickfix", "source"]}}}}}

    def test_hover_shows_the_rule_documentation(self):
        self.client.initialize()
        self.client.open(URI, "x = eval(s)\n")
        reply = self.client.call("textDocument/hover", {"textDocument": {"uri": URI},
                                                        "position": {"line": 0, "character": 6}})
        contents = reply["result"]["contents"]
        self.assertEqual(contents["kind"], "markdown")
        self.assertIn("B307", contents["value"])
        self.assertIn("ast.literal_eval", contents["value"])
        nothing = self.client.call("textDocument/hover", {"textDocument": {"uri": URI},
                                                          "position": {"line": 0, "character": 0}})
        self.assertIsNone(nothing["result"])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_suppression_action_merges_with_an_existing_comment(self):
        self.client.initialize(self.CAPS)
        self.client.open(URI, "x = eval(s)  # nosec B602\n")
        reply = self.client.call("textDocument/codeAction", {
            "textDocument": {"uri": URI}, "range": rng(0, 5, 0, 5), "context": {"diagnostics": []}})
        actions = [a for a in reply["result"] if a["title"].startswith("Suppress")]
        self.assertEqual(len(actions), 1)
        edit = actions[0]["edit"]["changes"][URI]
        # "x = eval(s)  # nosec B602": the codes end at character 25.
        self.assertEqual(edit, [{"range": rng(0, 25, 0, 25), "newText": ", B307"}])
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def test_resolve_computes_the_edit_lazily_and_refuses_stale_data(self):
        caps = dict(self.CAPS)
        caps["textDocument"] = dict(caps["textDocument"])
        caps["textDocument"]["codeAction"] = dict(caps["textDocument"]["codeAction"],
                                                  resolveSupport={"properties": ["edit"]})
        caps["workspace"] = {"workspaceEdit": {"documentChanges": True}}
        self.client.initialize(caps)
        self.client.open(URI, "eval(s)\n", version=7)
        actions = self.client.call("textDocument/codeAction", {
            "textDocument": {"uri": URI}, "range": rng(0, 0, 0, 0), "context": {"diagnostics": []}})["result"]
        titles = [a["title"] for a in actions]
        self.assertEqual(titles, ["Use ast.literal_eval (unsafe)", "Suppress B307 on this line"])
        self.assertTrue(all("edit" not in a for a in actions))
        self.assertNotIn("isPreferred", actions[0])  # an unsafe fix is never preferred
        suppress = actions[1]
        resolved = self.client.call("codeAction/resolve", suppress)["result"]
        change = resolved["edit"]["documentChanges"][0]
        self.assertEqual(change["textDocument"], {"uri": URI, "version": 7})
        self.assertEqual(change["edits"], [{"range": rng(0, 7, 0, 7), "newText": "  # nosec B307"}])
        self.client.change(URI, 8, [{"range": rng(0, 0, 0, 0), "text": "\n"}])
        stale = self.client.call("codeAction/resolve", suppress)
        self.assertEqual(stale["error"]["code"], -32801)
        self.assertEqual(self.client.shutdown_and_exit(), 0)

    def apply_edits(self, text, edits, encoding):
        """Applies LSP TextEdits (in `encoding` units) the way a client does."""
        lines = text.split("\n")

        def offset(position):
            line = lines[position["line"]]
            units = 0
            index = 0
            while index < len(line) and units < position["character"]:
                char = line[index]
                units += (len(char.encode("utf-8")) if encoding == "utf-8"
                          else 2 if encoding == "utf-16" and ord(char) > 0xFFFF else 1)
                index += 1
            return sum(len(l) + 1 for l in lines[:position["line"]]) + index

        for edit in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
            start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
            text = text[:start] + edit["newText"] + text[end:]
        return text

    def test_quick_fix_and_fix_all_near_astral_characters_in_each_encoding(self):
        text = "import yaml\ns = '\U0001F600'; d = yaml.load(s)\ne = '\u00e9'; f = yaml.load(s)\n"
        for encoding in ("utf-16", "utf-8", "utf-32"):
            client = Client()
            try:
                caps = dict(self.CAPS, general={"positionEncodings": [encoding]})
                client.initialize(caps)
                client.open(URI, text)
                client.wait_idle()
                diagnostics = client.published(URI)[-1]["diagnostics"]
                self.assertEqual([d["code"] for d in diagnostics], ["B506", "B506"])
                self.assertTrue(all(d["data"]["fixable"] for d in diagnostics))
                actions = client.call("textDocument/codeAction", {
                    "textDocument": {"uri": URI}, "range": diagnostics[0]["range"],
                    "context": {"diagnostics": [diagnostics[0]], "only": ["quickfix"]}})["result"]
                fix = [a for a in actions if a["title"] == "Use yaml.safe_load"]
                self.assertEqual(len(fix), 1)
                self.assertTrue(fix[0]["isPreferred"])
                fixed = self.apply_edits(text, fix[0]["edit"]["changes"][URI], encoding)
                self.assertEqual(fixed, text.replace("d = yaml.load", "d = yaml.safe_load"))

                fix_all = client.call("textDocument/codeAction", {
                    "textDocument": {"uri": URI}, "range": rng(0, 0, 0, 0),
                    "context": {"diagnostics": [], "only": ["source.fixAll"]}})["result"]
                self.assertEqual([a["kind"] for a in fix_all], ["source.fixAll.vigil"])
                fixed = self.apply_edits(text, fix_all[0]["edit"]["changes"][URI], encoding)
                self.assertEqual(fixed, text.replace("yaml.load", "yaml.safe_load"))
                client.change(URI, 2, [{"text": fixed}])
                client.wait_idle()
                self.assertEqual(client.published(URI)[-1]["diagnostics"], [])
                self.assertEqual(client.shutdown_and_exit(), 0)
            finally:
                client.kill()
                self.assertEqual(client.violations, [])

    def test_settings_and_a_broken_configuration_file(self):
        directory = tempfile.mkdtemp(prefix="vigil-config-")
        try:
            config = os.path.join(directory, "pyproject.toml")
            with open(config, "w") as handle:
                handle.write("[tool.vigil\n")
            uri = "file://" + os.path.join(directory, "m.py")
            self.client.initialize(options={"ignore": ["B102"]})
            self.client.open(uri, "eval(x)\nexec(y)\n")
            self.client.wait_idle()
            self.assertEqual([d["code"] for d in self.client.published(uri)[-1]["diagnostics"]],
                             ["B307"])  # the editor's ignore applies; the broken file does not
            problems = self.client.published("file://" + config)
            self.assertEqual(len(problems), 1)
            self.assertEqual(problems[0]["diagnostics"][0]["range"]["start"]["line"], 0)
            self.assertIn("invalid TOML", problems[0]["diagnostics"][0]["message"])

            with open(config, "w") as handle:
                handle.write("[tool.vigil]\nignore = [\"B307\"]\n")
            self.client.notify("workspace/didChangeWatchedFiles",
                               {"changes": [{"uri": "file://" + config, "type": 2}]})
            self.client.wait_idle()
            self.assertEqual(self.client.published(uri)[-1]["diagnostics"], [])
            self.assertEqual(self.client.published("file://" + config)[-1]["diagnostics"], [])

            self.client.notify("workspace/didChangeConfiguration",
                               {"settings": {"vigil": {"select": ["B307"]}}})
            self.client.wait_idle()
            self.assertEqual([d["code"] for d in self.client.published(uri)[-1]["diagnostics"]],
                             ["B307"])  # the editor's select beats the file's ignore
            self.assertEqual(self.client.shutdown_and_exit(), 0)
        finally:
            shutil.rmtree(directory)


class DependencyFilesTest(ServerTest):
    """Requirements files and pyproject.toml go to the dependency checker (VG701-VG705)."""
    CAPS = {"textDocument": {"codeAction": {"codeActionLiteralSupport": {
        "codeActionKind": {"valueSet": ["quickfix", "source"]}}}}}
    REQS = "file:///tmp/vigil-protocol-test/deps/base.txt"
    NAMED = "file:///tmp/vigil-protocol-test/requirements-dev.txt"
    PYPROJECT = "file:///tmp/vigil-protocol-test/pyproject.toml"

    def open_as(self, uri, language, text):
        self.client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": language, "version": 1, "text": text}})

    def test_requirements_and_pyproject_are_checked_and_fixable(self):
        self.client.initialize(self.CAPS)
        # By languageId (the name alone would not say), and by name whatever the languageId.
        self.open_as(self.REQS, "pip-requirements",
                     "--extra-index-url http://pkgs.corp.io/simple\nrequests\nflask>=2\n"
                     "attrs==23.2.0\n")
        self.open_as(self.NAMED, "plaintext", "--trusted-host pkgs.corp.io\n")
        self.open_as(self.PYPROJECT, "toml",
                     '[project]\nname = "p"\ndependencies = ["requests", "flask>=2"]\n')
        self.client.wait_idle()
        self.assertEqual(summary(self.client.published(self.REQS)[-1]["diagnostics"]), [
            ("VG701", 1, 0, 8), ("VG702", 2, 5, 8), ("VG703", 0, 18, 44)])
        self.assertEqual(summary(self.client.published(self.NAMED)[-1]["diagnostics"]),
                         [("VG705", 0, 0, 27)])
        self.assertEqual(summary(self.client.published(self.PYPROJECT)[-1]["diagnostics"]),
                         [("VG701", 2, 17, 25)])
        reply = self.client.call("textDocument/codeAction", {
            "textDocument": {"uri": self.REQS}, "range": rng(0, 20, 0, 20),
            "context": {"diagnostics": []}})
        fixes = [a for a in reply["result"] if a["title"] == "Use https:// (unsafe)"]
        self.assertEqual(len(fixes), 1)
        self.assertEqual(fixes[0]["edit"]["changes"][self.REQS],
                         [{"range": rng(0, 18, 0, 22), "newText": "https"}])
        # Hover shows the rule's documentation, as for Python findings.
        hover = self.client.call("textDocument/hover", {"textDocument": {"uri": self.REQS},
                                                        "position": {"line": 1, "character": 2}})
        self.assertIn("VG701", hover["result"]["contents"]["value"])
        # An edit that pins the requirement clears its diagnostic.
        self.client.change(self.REQS, 2, [{"range": rng(1, 8, 1, 8), "text": "==2.32.3"}])
        self.client.wait_idle()
        self.assertEqual([d["code"] for d in self.client.published(self.REQS)[-1]["diagnostics"]],
                         ["VG703", "VG702"])
        self.assertEqual(self.client.shutdown_and_exit(), 0)


if __name__ == "__main__":
    unittest.main()

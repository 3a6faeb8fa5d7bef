"""A small LSP client for driving the real `vigil server` over pipes in tests.

Every byte the server writes to stdout must be a well-formed Content-Length frame holding JSON:
the reader thread records anything else as a protocol violation, and tests check there is none.
"""
import json
import os
import queue
import subprocess
import tempfile
import threading
import time

VIGIL_BIN = os.environ.get("VIGIL_BIN", "vigil")
TIMEOUT = 20.0  # a safety net for a hung server, never a synchronisation device


def frame(message):
    body = json.dumps(message).encode("utf-8") if not isinstance(message, bytes) else message
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, args=("server",), preexec_fn=None):
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen([VIGIL_BIN, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.stderr,
                                        preexec_fn=preexec_fn)
        self.messages = queue.Queue()
        self.violations = []
        self.responses = {}
        self.notifications = []
        self.next_id = 1
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    # -- the wire ---------------------------------------------------------------------------

    def _read(self):
        stream = self.process.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    if header:
                        self.violations.append("truncated header: %r" % header)
                    self.messages.put(None)
                    return
                header += byte
            length = None
            for line in header.decode("ascii", "replace").split("\r\n"):
                if line.lower().startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            if length is None:
                self.violations.append("frame without Content-Length: %r" % header)
                self.messages.put(None)
                return
            body = stream.read(length)
            try:
                self.messages.put(json.loads(body.decode("utf-8")))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                self.violations.append("bad body %r: %s" % (body[:80], error))

    def send_raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        self.send_raw(frame(message))

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    def request(self, method, params=None, id=None):
        if id is None:
            id = self.next_id
            self.next_id += 1
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return id

    def _pump(self, deadline):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no message from the server in time")
        message = self.messages.get(timeout=remaining)
        if message is None:
            raise EOFError("the server closed its output")
        if "method" in message and "id" in message:
            self._answer_server_request(message)
        elif "method" in message:
            self.notifications.append(message)
        else:
            self.responses.setdefault(json.dumps(message["id"]), []).append(message)

    def _answer_server_request(self, message):
        # workspace/configuration and registrations: answer as a plain client would.
        result = None
        if message["method"] == "workspace/configuration":
            result = [getattr(self, "configuration", None) for _ in message["params"]["items"]]
        self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def response(self, id, timeout=TIMEOUT):
        key = json.dumps(id)
        deadline = time.monotonic() + timeout
        while key not in self.responses:
            self._pump(deadline)
        return self.responses[key][0]

    def call(self, method, params=None, timeout=TIMEOUT):
        return self.response(self.request(method, params), timeout)

    def wait_idle(self, timeout=TIMEOUT):
        """Returns once every analysis the server owes has been published."""
        reply = self.call("vigil/waitUntilIdle", timeout=timeout)
        assert reply.get("result", "missing") is None, reply
        return reply

    def published(self, uri):
        return [n["params"] for n in self.notifications
                if n["method"] == "textDocument/publishDiagnostics" and n["params"]["uri"] == uri]

    def drain(self, seconds=0.2):
        """Collects what arrives within `seconds` (used only to show nothing more arrives)."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._pump(deadline)
        except (TimeoutError, queue.Empty):
            pass

    # -- lifecycle --------------------------------------------------------------------------

    def initialize(self, capabilities=None, options=None, **extra):
        params = {"processId": None, "rootUri": None, "capabilities": capabilities or {},
                  "initializationOptions": {"debounceMs": 0, **(options or {})}, **extra}
        reply = self.call("initialize", params)
        self.notify("initialized", {})
        return reply

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": version, "text": text}})

    def change(self, uri, version, changes):
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": changes})

    def close_input(self):
        self.process.stdin.close()

    def exit_code(self, timeout=TIMEOUT):
        return self.process.wait(timeout=timeout)

    def shutdown_and_exit(self):
        reply = self.call("shutdown")
        assert reply["result"] is None, reply
        self.notify("exit")
        return self.exit_code()

    def stderr_text(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        for stream in (self.process.stdin, self.process.stdout, self.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def rng(start_line, start_char, end_line, end_char):
    return {"start": {"line": start_line, "character": start_char},
            "end": {"line": end_line, "character": end_char}}

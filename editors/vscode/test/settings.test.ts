import * as assert from "node:assert/strict";
import { test } from "node:test";
import { needsRestart, readSettings, serverLaunch, serverSettings, SettingReader } from "../src/settings";

function reader(values: Record<string, unknown>): SettingReader {
  return <T>(key: string, fallback: T): T => (key in values ? (values[key] as T) : fallback);
}

test("defaults: the bundled binary, the default profile", () => {
  const settings = readSettings(reader({}));
  assert.deepEqual(serverLaunch(settings, "/ext"), { command: "/ext/bin/linux-x64/vigil", args: ["server"] });
  assert.deepEqual(serverSettings(settings), { profile: "default", select: [], ignore: [], severity: "low" });
});

test("a configured path and extra arguments start the server", () => {
  const settings = readSettings(reader({ "server.path": " /usr/bin/vigil ", "server.args": ["--log-level", "debug", 3] }));
  assert.deepEqual(serverLaunch(settings, "/ext"), {
    command: "/usr/bin/vigil",
    args: ["server", "--log-level", "debug"],
  });
});

test("rule settings reach the server; non-strings are dropped", () => {
  const settings = readSettings(
    reader({ profile: "bandit", select: ["B6", 7], ignore: ["B602"], severity: "high" }),
  );
  assert.deepEqual(serverSettings(settings), { profile: "bandit", select: ["B6"], ignore: ["B602"], severity: "high" });
});

test("only launch settings need a restart", () => {
  const before = readSettings(reader({}));
  assert.equal(needsRestart(before, readSettings(reader({ profile: "bandit" }))), false);
  assert.equal(needsRestart(before, readSettings(reader({ "server.path": "/x" }))), true);
  assert.equal(needsRestart(before, readSettings(reader({ "server.args": ["-v"] }))), true);
});

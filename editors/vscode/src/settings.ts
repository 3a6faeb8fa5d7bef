// The mapping from VS Code settings to how the server is started and what it is told. Kept free
// of the `vscode` module so it can be unit-tested with plain node.
import * as path from "path";

export interface VigilSettings {
  serverPath: string;
  serverArgs: string[];
  profile: string;
  select: string[];
  ignore: string[];
  severity: string;
}

export interface ServerLaunch {
  command: string;
  args: string[];
}

// The settings the server reads (initializationOptions and the `vigil` configuration section).
export interface ServerSettings {
  profile: string;
  select: string[];
  ignore: string[];
  severity: string;
}

// `get(key, fallback)` reads one setting of the `vigil` section.
export type SettingReader = <T>(key: string, fallback: T) => T;

export function readSettings(get: SettingReader): VigilSettings {
  const strings = (key: string): string[] =>
    (get<unknown[]>(key, []) ?? []).filter((item): item is string => typeof item === "string");
  return {
    serverPath: get<string>("server.path", "").trim(),
    serverArgs: strings("server.args"),
    profile: get<string>("profile", "default"),
    select: strings("select"),
    ignore: strings("ignore"),
    severity: get<string>("severity", "low"),
  };
}

// The bundled binary lives at bin/linux-x64/vigil inside the extension.
export function bundledServerPath(extensionPath: string): string {
  return path.join(extensionPath, "bin", "linux-x64", "vigil");
}

export function serverLaunch(settings: VigilSettings, extensionPath: string): ServerLaunch {
  return {
    command: settings.serverPath !== "" ? settings.serverPath : bundledServerPath(extensionPath),
    args: ["server", ...settings.serverArgs],
  };
}

export function serverSettings(settings: VigilSettings): ServerSettings {
  return {
    profile: settings.profile,
    select: settings.select,
    ignore: settings.ignore,
    severity: settings.severity,
  };
}

// Whether a settings change needs a restart (how the server is started) or only a notification.
export function needsRestart(before: VigilSettings, after: VigilSettings): boolean {
  return (
    before.serverPath !== after.serverPath ||
    JSON.stringify(before.serverArgs) !== JSON.stringify(after.serverArgs)
  );
}

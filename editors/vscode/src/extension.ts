// Starts `vigil server` for Python files (and requirements files, pyproject.toml) and keeps it in
// step with the settings.
import * as fs from "fs";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";
import { needsRestart, readSettings, serverLaunch, serverSettings, VigilSettings } from "./settings";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.OutputChannel;
let current: VigilSettings;

function settingsNow(): VigilSettings {
  const configuration = vscode.workspace.getConfiguration("vigil");
  return readSettings((key, fallback) => configuration.get(key, fallback));
}

function showState(text: string, tooltip: string): void {
  status.text = `$(shield) Vigil: ${text}`;
  status.tooltip = tooltip;
  status.show();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  current = settingsNow();
  const launch = serverLaunch(current, context.extensionPath);
  try {
    fs.accessSync(launch.command, fs.constants.X_OK);
  } catch {
    showState("error", `${launch.command} is not an executable file`);
    output.appendLine(`vigil: cannot run ${launch.command}; set vigil.server.path`);
    return;
  }
  const serverOptions: ServerOptions = {
    command: launch.command,
    args: launch.args,
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "python" },
      { scheme: "untitled", language: "python" },
      // Dependency files (VG701-VG705): the server tells them apart by languageId and name.
      { scheme: "file", language: "pip-requirements" },
      { scheme: "file", pattern: "**/*requirements*.txt" },
      { scheme: "file", pattern: "**/requirements/*.txt" },
      { scheme: "file", pattern: "**/pyproject.toml" },
    ],
    initializationOptions: serverSettings(current),
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer workspace/configuration for the `vigil` section in the server's terms.
        configuration: (params, token, next) => {
          const fromVsCode = next(params, token);
          return params.items.map((item, index) =>
            item.section === "vigil" ? serverSettings(settingsNow()) : (fromVsCode as unknown[])[index],
          );
        },
      },
    },
  };
  client = new LanguageClient("vigil", "Vigil", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      showState("running", `vigil server (${launch.command})`);
    } else if (event.newState === State.Starting) {
      showState("starting", "starting vigil server");
    } else {
      showState("stopped", "vigil server stopped");
    }
  });
  showState("starting", "starting vigil server");
  await client.start();
}

async function stop(): Promise<void> {
  if (client) {
    const running = client;
    client = undefined;
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Vigil");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 0);
  status.command = "vigil.showOutput";
  context.subscriptions.push(output, status);
  context.subscriptions.push(
    vscode.commands.registerCommand("vigil.restartServer", async () => {
      await stop();
      await start(context);
    }),
    vscode.commands.registerCommand("vigil.showOutput", () => output.show()),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("vigil")) {
        return;
      }
      const next = settingsNow();
      if (needsRestart(current, next)) {
        await stop();
        await start(context);
      } else if (client) {
        current = next;
        // The server pulls the new values with workspace/configuration.
        await client.sendNotification("workspace/didChangeConfiguration", { settings: null });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

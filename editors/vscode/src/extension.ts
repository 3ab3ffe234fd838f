// The clausekit extension: starts `clausekit lsp` (a Python language server) over stdio
// for `clause` documents. The syntax highlighting is the TextMate grammar in syntaxes/,
// which works without the server.
import * as vscode from "vscode";
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  Message,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import {
  currentEnvironment,
  earlyExitMessage,
  expandServerPath,
  findExecutable,
  missingExecutableMessage,
} from "./resolve";

const CLIENT_ID = "clausekit"; // the client reads the `clausekit.trace.server` setting by this id
const MAX_RESTARTS = 4;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
let starting: Promise<void> | undefined;

interface ServerSettings {
  path: string;
  args: string[];
}

function readSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration("clausekit");
  const rawPath = config.get<unknown>("server.path");
  const rawArgs = config.get<unknown>("server.args");
  return {
    path: typeof rawPath === "string" && rawPath.trim() !== "" ? rawPath : "clausekit",
    args: Array.isArray(rawArgs) ? rawArgs.filter((arg): arg is string => typeof arg === "string") : ["lsp"],
  };
}

async function showError(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Show Output");
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", "clausekit.server");
  } else if (choice === "Show Output") {
    output?.show(true);
  }
}

/** Notifications of its own are held back while the server starts: a server that cannot start
 * would otherwise raise three or four of them; the extension shows one message instead. */
class ClausekitClient extends LanguageClient {
  quiet = true;

  error(message: string, data?: unknown, showNotification: boolean | "force" = true): void {
    super.error(message, data, this.quiet ? false : showNotification);
  }
}

/** Restarts a server that stops after it has run, up to MAX_RESTARTS times in three minutes;
 * one that stops as it starts is not restarted (startClient reports it). */
class ClausekitErrorHandler implements ErrorHandler {
  private restarts: number[] = [];
  running = false;
  exitedAtStart = false;

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    return count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    if (!this.running) {
      this.exitedAtStart = true;
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    const now = Date.now();
    this.restarts = this.restarts.filter((time) => now - time < 3 * 60 * 1000);
    this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message:
          `The clausekit language server stopped ${this.restarts.length} times in three minutes and will not be ` +
          `restarted; see the 'clausekit' output. Run "clausekit: Restart Language Server" to try again.`,
      };
    }
    return { action: CloseAction.Restart };
  }
}

async function startClient(): Promise<void> {
  const settings = readSettings();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const environment = currentEnvironment(folder);
  const command = findExecutable(expandServerPath(settings.path, environment), environment);
  if (command === undefined) {
    output?.appendLine(`[error] '${settings.path}' not found (PATH: ${process.env.PATH ?? ""})`);
    void showError(missingExecutableMessage(settings.path));
    return;
  }
  output?.appendLine(`[info] starting ${[command, ...settings.args].join(" ")}`);

  // No `transport`: the client would append --stdio to the arguments; a command without one
  // is run exactly as configured, talking over its standard input and output.
  const serverOptions: ServerOptions = {
    command,
    args: settings.args,
    options: folder !== undefined ? { cwd: folder } : undefined,
  };
  const errorHandler = new ClausekitErrorHandler();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "clause" },
      { scheme: "untitled", language: "clause" },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.clause") },
    outputChannel: output,
    errorHandler,
    initializationFailedHandler: () => false, // reported below, once
  };
  const created = new ClausekitClient(CLIENT_ID, "clausekit", serverOptions, clientOptions);
  created.onDidChangeState((event) => {
    if (event.newState === State.Running) {
      errorHandler.running = true;
      created.quiet = false;
    }
  });
  client = created;
  let failure: unknown;
  try {
    await created.start();
  } catch (error) {
    failure = error;
  }
  // start() can resolve although the server is gone (when the connection closes during initialize).
  if (failure === undefined && created.state === State.Running) {
    output?.appendLine("[info] the language server is running");
    return;
  }
  // The client has logged the details to the output channel; one message, and never a throw into VS Code.
  const reason = failure instanceof Error ? failure.message : failure !== undefined ? String(failure) : "it stopped";
  output?.appendLine(`[error] the language server did not start: ${reason}`);
  void showError(
    errorHandler.exitedAtStart
      ? earlyExitMessage(settings.path, settings.args)
      : `clausekit: the language server did not start: ${reason}. See the 'clausekit' output.`,
  );
  if (client === created) {
    client = undefined;
  }
  try {
    await created.dispose();
  } catch {
    // already stopped
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.dispose(2000);
    } catch (error) {
      output?.appendLine(`[error] stopping the language server: ${String(error)}`);
    }
  }
}

async function restart(): Promise<void> {
  await starting;
  starting = (async () => {
    await stopClient();
    await startClient();
  })();
  await starting;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("clausekit");
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("clausekit.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("clausekit.server")) {
        void restart();
      }
    }),
  );
  starting = startClient();
  await starting;
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

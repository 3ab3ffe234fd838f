// Finding the language server's executable. No `vscode` import here, so the tests can run
// this module under plain Node.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Environment {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The first workspace folder, if a folder is open: relative paths and ${workspaceFolder} resolve against it. */
  workspaceFolder?: string;
  home: string;
}

export function currentEnvironment(workspaceFolder?: string): Environment {
  return { platform: process.platform, env: process.env, workspaceFolder, home: os.homedir() };
}

/** `clausekit.server.path` with `~` and `${workspaceFolder}` expanded; a bare name stays a name. */
export function expandServerPath(setting: string, environment: Environment): string {
  let value = setting.trim();
  if (environment.workspaceFolder !== undefined) {
    value = value.split("${workspaceFolder}").join(environment.workspaceFolder);
  }
  if (value === "~" || value.startsWith("~/") || value.startsWith("~\\")) {
    value = path.join(environment.home, value.slice(1));
  }
  return value;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The full path of the executable that `command` names, or undefined when there is none.
 * A command with a directory part is taken as a path (relative to the workspace folder);
 * a bare name is looked up on PATH, with PATHEXT's extensions on Windows.
 */
export function findExecutable(command: string, environment: Environment): string | undefined {
  if (command === "") {
    return undefined;
  }
  const pathApi = environment.platform === "win32" ? path.win32 : path.posix;
  const extensions =
    environment.platform === "win32"
      ? ["", ...(environment.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((ext) => ext !== "")]
      : [""];
  const candidates = (base: string) => extensions.map((ext) => base + ext);
  const hasDirectory = command.includes("/") || (environment.platform === "win32" && command.includes("\\"));
  if (hasDirectory) {
    const base = pathApi.isAbsolute(command)
      ? command
      : pathApi.resolve(environment.workspaceFolder ?? process.cwd(), command);
    return candidates(base).find((file) => isExecutableFile(file, environment.platform));
  }
  const searchPath = environment.env.PATH ?? environment.env.Path ?? "";
  for (const directory of searchPath.split(pathApi.delimiter)) {
    if (directory === "") {
      continue;
    }
    const found = candidates(pathApi.join(directory, command)).find((file) =>
      isExecutableFile(file, environment.platform),
    );
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

export const INSTALL_HINT = "pip install 'clausekit[lsp]'";

export function missingExecutableMessage(setting: string): string {
  return (
    `clausekit: the language server executable '${setting}' was not found. ` +
    `Install it with \`${INSTALL_HINT}\` and set "clausekit.server.path" to the clausekit command ` +
    `(for example the one in your virtual environment: .venv/bin/clausekit).`
  );
}

export function earlyExitMessage(command: string, args: readonly string[]): string {
  return (
    `clausekit: the language server ('${[command, ...args].join(" ")}') stopped as it started. ` +
    `Does this clausekit have the language server? Install it with \`${INSTALL_HINT}\`, ` +
    `check "clausekit.server.path" and "clausekit.server.args", and see the 'clausekit' output for its error.`
  );
}

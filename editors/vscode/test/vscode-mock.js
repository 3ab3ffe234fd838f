// A stand-in for the `vscode` module, enough for the extension and vscode-languageclient to
// start a real server process under plain Node. Whatever is not modelled here is a permissive
// dummy, so only the behaviour the tests look at is real: settings, commands, messages, output.
"use strict";
const Module = require("module");

function dummy(name) {
  const target = function () {};
  return new Proxy(target, {
    get(object, property) {
      if (property === "then") return undefined; // not a promise
      if (property === Symbol.toPrimitive) return () => name;
      if (property === Symbol.iterator) return undefined;
      if (property === "prototype") return object.prototype;
      if (property === "dispose") return () => {};
      return dummy(`${name}.${String(property)}`);
    },
    apply() {
      return dummy(`${name}()`);
    },
    construct() {
      return dummy(`new ${name}`);
    },
  });
}

class Disposable {
  constructor(callback) {
    this.callback = callback;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((item) => item && item.dispose && item.dispose()));
  }
  dispose() {
    if (this.callback) this.callback();
    this.callback = undefined;
  }
}

class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener) => {
      this.listeners.add(listener);
      return new Disposable(() => this.listeners.delete(listener));
    };
  }
  fire(value) {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const noEvent = () => new Disposable();

function createMock() {
  const state = {
    settings: {},
    errors: [],
    commands: new Map(),
    output: [],
    configurationChanged: new EventEmitter(),
  };
  const channel = (name) => ({
    name,
    append: (text) => state.output.push(text),
    appendLine: (text) => state.output.push(text + "\n"),
    replace: () => {},
    clear: () => {},
    show: () => {},
    hide: () => {},
    dispose: () => {},
  });
  const overrides = {
    Disposable,
    EventEmitter,
    version: "1.82.0",
    env: { appName: "mock", language: "en", machineId: "mock", sessionId: "mock", uiKind: 1 },
    window: {
      createOutputChannel: channel,
      showErrorMessage: (message, ...items) => {
        state.errors.push(message);
        return Promise.resolve(undefined);
      },
      showWarningMessage: () => Promise.resolve(undefined),
      showInformationMessage: () => Promise.resolve(undefined),
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeVisibleTextEditors: noEvent,
      visibleTextEditors: [],
      activeTextEditor: undefined,
      tabGroups: { all: [], onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent },
    },
    workspace: {
      workspaceFolders: undefined,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration: (section) => ({
        get: (key, fallback) => {
          const full = section ? `${section}.${key}` : key;
          return Object.prototype.hasOwnProperty.call(state.settings, full) ? state.settings[full] : fallback;
        },
        has: () => false,
        inspect: () => undefined,
        update: () => Promise.resolve(),
      }),
      onDidChangeConfiguration: state.configurationChanged.event,
      onDidOpenTextDocument: noEvent,
      onDidCloseTextDocument: noEvent,
      onDidChangeTextDocument: noEvent,
      onDidSaveTextDocument: noEvent,
      onWillSaveTextDocument: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidOpenNotebookDocument: noEvent,
      onDidCloseNotebookDocument: noEvent,
      onDidChangeNotebookDocument: noEvent,
      onDidSaveNotebookDocument: noEvent,
      onDidCreateFiles: noEvent,
      onDidRenameFiles: noEvent,
      onDidDeleteFiles: noEvent,
      onWillCreateFiles: noEvent,
      onWillRenameFiles: noEvent,
      onWillDeleteFiles: noEvent,
      createFileSystemWatcher: () => ({
        onDidCreate: noEvent,
        onDidChange: noEvent,
        onDidDelete: noEvent,
        dispose: () => {},
      }),
    },
    commands: {
      registerCommand: (id, callback) => {
        state.commands.set(id, callback);
        return new Disposable(() => state.commands.delete(id));
      },
      executeCommand: () => Promise.resolve(undefined),
    },
  };
  const vscode = new Proxy(overrides, {
    get(object, property) {
      if (property in object) return object[property];
      if (property === "then" || property === "__esModule") return undefined;
      return dummy(`vscode.${String(property)}`);
    },
  });
  for (const name of ["window", "workspace"]) {
    const real = overrides[name];
    overrides[name] = new Proxy(real, {
      get(object, property) {
        if (property in object) return object[property];
        if (typeof property === "string" && property.startsWith("onDid")) return noEvent;
        return dummy(`vscode.${name}.${String(property)}`);
      },
    });
  }
  return { vscode, state };
}

/** Makes `require("vscode")` return the mock; returns the mock's state. */
function installMock() {
  const { vscode, state } = createMock();
  const originalLoad = Module._load;
  Module._load = function (request, ...rest) {
    if (request === "vscode") return vscode;
    return originalLoad.call(this, request, ...rest);
  };
  return state;
}

module.exports = { installMock };

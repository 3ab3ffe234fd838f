// Tests of the client (out/extension.js, out/resolve.js) under plain Node, with a stand-in for
// the `vscode` module (test/vscode-mock.js) and a stand-in server (test/fake-server.js): the real
// vscode-languageclient starts real processes over stdio. Run by `npm test` after the compile.
"use strict";
const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { installMock } = require("./vscode-mock");

const state = installMock();
const extension = require("../out/extension.js");
const { expandServerPath, findExecutable } = require("../out/resolve.js");

const FAKE_SERVER = path.join(__dirname, "fake-server.js");
// The extension host logs unhandled rejections instead of dying; vscode-languageclient 9 leaves
// some behind when a server stops during start-up. Keep them, as the host would, and go on.
const unhandled = [];
process.on("unhandledRejection", (error) => unhandled.push(String(error)));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition, what, ms = 10000) {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function fresh(settings) {
  state.settings = settings;
  state.errors.length = 0;
  state.output.length = 0;
  state.commands.clear();
}

const tests = [];
const test = (name, body) => tests.push({ name, body });

test("findExecutable: a bare name is looked up on PATH, a path is checked as it is", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clausekit-vscode-"));
  const exe = path.join(dir, "clausekit");
  fs.writeFileSync(exe, "#!/bin/sh\n", { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "not-executable"), "", { mode: 0o644 });
  const environment = { platform: "linux", env: { PATH: `/nonexistent${path.delimiter}${dir}` }, home: "/home/u" };
  assert.strictEqual(findExecutable("clausekit", environment), exe);
  assert.strictEqual(findExecutable(exe, environment), exe);
  assert.strictEqual(findExecutable("missing-clausekit", environment), undefined);
  assert.strictEqual(findExecutable(path.join(dir, "not-executable"), environment), undefined);
  assert.strictEqual(findExecutable(dir, environment), undefined, "a directory is not an executable");
  assert.strictEqual(findExecutable("", environment), undefined);
  assert.strictEqual(findExecutable("./clausekit", { ...environment, workspaceFolder: dir }), exe);
});

test("expandServerPath: ~ and ${workspaceFolder}", () => {
  const environment = { platform: "linux", env: {}, home: "/home/u", workspaceFolder: "/w" };
  assert.strictEqual(expandServerPath("~/bin/clausekit", environment), "/home/u/bin/clausekit");
  assert.strictEqual(expandServerPath("${workspaceFolder}/.venv/bin/clausekit", environment), "/w/.venv/bin/clausekit");
  assert.strictEqual(expandServerPath(" clausekit ", environment), "clausekit");
});

test("a missing executable: one error naming pip install 'clausekit[lsp]' and the setting, no throw", async () => {
  fresh({ "clausekit.server.path": "/nonexistent/bin/clausekit" });
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.ok(state.commands.has("clausekit.restartServer"), "the restart command is registered");
  await sleep(100);
  assert.strictEqual(state.errors.length, 1, JSON.stringify(state.errors));
  assert.match(state.errors[0], /pip install 'clausekit\[lsp\]'/);
  assert.match(state.errors[0], /clausekit\.server\.path/);
  assert.match(state.errors[0], /\/nonexistent\/bin\/clausekit/);
  // Restarting with the executable still missing says so again, once, and does not throw.
  await state.commands.get("clausekit.restartServer")();
  await sleep(100);
  assert.strictEqual(state.errors.length, 2);
  await extension.deactivate();
  context.subscriptions.forEach((item) => item.dispose());
});

test("a server that stops as it starts (a clausekit without `lsp`): one error, not restarted", async () => {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clausekit-vscode-")), "starts.log");
  process.env.FAKE_SERVER_LOG = log;
  fresh({ "clausekit.server.path": FAKE_SERVER, "clausekit.server.args": ["exit"] });
  const context = { subscriptions: [] };
  await extension.activate(context);
  await waitFor(() => state.errors.length > 0, "the error message");
  await sleep(500);
  assert.strictEqual(state.errors.length, 1, JSON.stringify(state.errors));
  assert.match(state.errors[0], /stopped as it started/);
  assert.match(state.errors[0], /pip install 'clausekit\[lsp\]'/);
  assert.strictEqual(fs.readFileSync(log, "utf8").trim().split("\n").length, 1, "started once, not restarted");
  assert.match(state.output.join(""), /No such command 'lsp'/, "the server's stderr is in the output channel");
  await extension.deactivate();
  context.subscriptions.forEach((item) => item.dispose());
});

test("a working server: started with exactly the configured arguments over stdio; restart starts it again", async () => {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clausekit-vscode-")), "starts.log");
  process.env.FAKE_SERVER_LOG = log;
  fresh({ "clausekit.server.path": FAKE_SERVER, "clausekit.server.args": ["lsp"] });
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.deepStrictEqual(state.errors, []);
  assert.match(state.output.join(""), /the language server is running/);
  assert.deepStrictEqual(JSON.parse(fs.readFileSync(log, "utf8").trim()), ["lsp"], "no --stdio is added");
  await state.commands.get("clausekit.restartServer")();
  assert.strictEqual(fs.readFileSync(log, "utf8").trim().split("\n").length, 2, "restarted by the command");
  // A change of clausekit.server.* restarts it with the new arguments; other settings do not.
  state.configurationChanged.fire({ affectsConfiguration: (section) => section === "editor" });
  state.settings["clausekit.server.args"] = ["lsp", "--verbose"];
  state.configurationChanged.fire({ affectsConfiguration: (section) => "clausekit.server.args".startsWith(section) });
  await waitFor(() => fs.readFileSync(log, "utf8").trim().split("\n").length === 3, "the restart after the change");
  await waitFor(() => /running[\s\S]*running[\s\S]*running/.test(state.output.join("")), "the third start");
  assert.deepStrictEqual(JSON.parse(fs.readFileSync(log, "utf8").trim().split("\n")[2]), ["lsp", "--verbose"]);
  assert.deepStrictEqual(state.errors, []);
  await extension.deactivate();
  context.subscriptions.forEach((item) => item.dispose());
});

test("a server that crashes after it has run is restarted four times, then one error", async () => {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clausekit-vscode-")), "starts.log");
  process.env.FAKE_SERVER_LOG = log;
  fresh({ "clausekit.server.path": FAKE_SERVER, "clausekit.server.args": ["lsp", "crash"] });
  const context = { subscriptions: [] };
  await extension.activate(context);
  await waitFor(() => state.errors.length > 0, "the error message");
  await sleep(300);
  assert.strictEqual(state.errors.length, 1, JSON.stringify(state.errors));
  assert.match(state.errors[0], /will not be restarted/);
  assert.strictEqual(fs.readFileSync(log, "utf8").trim().split("\n").length, 5, "one start and four restarts");
  await extension.deactivate();
  context.subscriptions.forEach((item) => item.dispose());
});

(async () => {
  let failed = 0;
  for (const { name, body } of tests) {
    try {
      await body();
      console.log(`ok - ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n${error && error.stack ? error.stack : error}`);
    }
  }
  if (unhandled.length) {
    console.log(`# ${unhandled.length} unhandled rejection(s) inside vscode-languageclient, logged as the extension host would:`);
    for (const text of new Set(unhandled)) console.log(`#   ${text}`);
  }
  console.log(failed ? `${failed} of ${tests.length} client tests failed` : `${tests.length} client tests passed`);
  process.exit(failed ? 1 : 0);
})();

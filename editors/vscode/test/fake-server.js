#!/usr/bin/env node
// A stand-in language server for the client tests. `fake-server.js exit` stops at once, as an
// old clausekit without the `lsp` command does; any other arguments: answer `initialize` and
// `shutdown` over stdio (LSP base protocol) until `exit`; with `crash`, stop with status 1 once
// initialised, as a server that crashes at run time would. Each start appends its arguments to
// the file named by FAKE_SERVER_LOG.
"use strict";
const fs = require("fs");

if (process.env.FAKE_SERVER_LOG) {
  fs.appendFileSync(process.env.FAKE_SERVER_LOG, JSON.stringify(process.argv.slice(2)) + "\n");
}
if (process.argv[2] === "exit") {
  process.stderr.write("Error: No such command 'lsp'.\n");
  process.exit(2);
}

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

let buffer = Buffer.alloc(0);
process.stdin.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, headerEnd).toString("ascii"))[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.slice(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
    buffer = buffer.slice(headerEnd + 4 + length);
    if (message.method === "initialize") {
      send({ id: message.id, result: { capabilities: { textDocumentSync: 1 }, serverInfo: { name: "fake" } } });
    } else if (message.method === "initialized" && process.argv.includes("crash")) {
      setTimeout(() => process.exit(1), 50);
    } else if (message.method === "shutdown") {
      send({ id: message.id, result: null });
    } else if (message.method === "exit") {
      process.exit(0);
    }
  }
});
process.stdin.on("end", () => process.exit(0));

// Tokenises .clause files with the grammar, the way VS Code does (vscode-textmate + Oniguruma).
// Used by the tests; run by hand to see the scopes: node test/tokenize.js FILE...
"use strict";
const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const GRAMMAR = path.join(__dirname, "..", "syntaxes", "clause.tmLanguage.json");

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "source.clause"
        ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR)
        : null,
  });
  return registry.loadGrammar("source.clause");
}

/** Each line of `text` with its tokens ({text, scopes}) and the rule stack depth after it. */
function tokenizeText(grammar, text) {
  let stack = vsctm.INITIAL;
  // Line ends as VS Code and clausekit read them: LF, CRLF or a lone CR.
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const out = [];
  for (const line of lines) {
    const result = grammar.tokenizeLine(line, stack);
    if (result.stoppedEarly) throw new Error(`tokenising stopped early at: ${line}`);
    const tokens = result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
    stack = result.ruleStack;
    out.push({ line, tokens, depth: stack.depth });
  }
  return { lines: out, finalDepth: stack.depth };
}

/**
 * What each line is to the grammar, from the scopes of its first token that is not blank:
 * "blank", "comment", "opener", "close", "party", "field" (a key line, or a paragraph's
 * "~ key: value"), "continuation" (more of
 * a field's value) or "prose".
 */
function classify(lines) {
  return lines.map(({ tokens }) => {
    const first = tokens.find((token) => token.text.trim() !== "");
    if (first === undefined) return "blank";
    const has = (prefix) => first.scopes.some((scope) => scope.startsWith(prefix));
    if (has("comment.line")) return "comment";
    if (has("keyword.control") || has("invalid.illegal.opener")) return "opener";
    if (has("punctuation.section.block.end") || has("invalid.illegal.stray-brace")) return "close";
    if (has("meta.party") || has("invalid.illegal.not-a-party")) return "party";
    if (has("meta.paragraph-field")) return "field";
    if (has("support.type.property-name.field") && !has("meta.field.value")) return "field";
    if (has("meta.field.value")) return "continuation";
    return "prose";
  });
}

module.exports = { loadGrammar, tokenizeText, classify };

// node test/tokenize.js FILE...            the scopes of every token
// node test/tokenize.js --classify FILE... one JSON list per file: what each line is (see classify)
if (require.main === module) {
  loadGrammar().then((grammar) => {
    const args = process.argv.slice(2);
    if (args[0] === "--classify") {
      const result = {};
      for (const file of args.slice(1)) {
        result[file] = classify(tokenizeText(grammar, fs.readFileSync(file, "utf8")).lines);
      }
      process.stdout.write(JSON.stringify(result) + "\n");
      return;
    }
    for (const file of args) {
      const { lines, finalDepth } = tokenizeText(grammar, fs.readFileSync(file, "utf8"));
      lines.forEach(({ line, tokens, depth }, index) => {
        console.log(`${index + 1} [${depth}] ${line}`);
        for (const t of tokens) {
          if (t.text.trim()) console.log(`    ${JSON.stringify(t.text)}  ${t.scopes.slice(1).join(" ")}`);
        }
      });
      console.log(`final depth ${finalDepth}`);
    }
  });
}

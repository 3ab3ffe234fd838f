// The grammar over the real drafts: every example draft and reference treaty in ../../drafts
// (and test/line-shapes.clause, every line shape that needs context) tokenises with no `invalid` scope, every block it opens is closed at the end of the file, and
// each opener, '}', field, party and comment line is read as what it is. The deliberately broken
// files of ../../tests/bad tokenise to the end without stopping early (they may be marked invalid).
"use strict";
const assert = require("assert");
const fs = require("fs");
const path = require("path");
const { loadGrammar, tokenizeText, classify } = require("./tokenize");

const ROOT = path.join(__dirname, "..", "..", "..");
const list = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((name) => name.endsWith(".clause"))
        .sort()
        .map((name) => path.join(dir, name))
    : [];

(async () => {
  const grammar = await loadGrammar();
  const examples = [...list(path.join(ROOT, "drafts")), ...list(path.join(ROOT, "drafts", "reference"))];
  const drafts = [...examples, path.join(__dirname, "line-shapes.clause")];
  assert.ok(examples.length >= 9, `expected the example drafts in ${ROOT}/drafts, found ${examples.length}`);
  let failed = 0;
  for (const file of drafts) {
    const name = path.relative(ROOT, file);
    try {
      const text = fs.readFileSync(file, "utf8");
      const { lines, finalDepth } = tokenizeText(grammar, text);
      const invalid = [];
      lines.forEach(({ tokens }, index) => {
        for (const token of tokens) {
          if (token.scopes.some((scope) => scope.startsWith("invalid"))) {
            invalid.push(`line ${index + 1}: ${JSON.stringify(token.text)} ${token.scopes.join(" ")}`);
          }
        }
      });
      assert.deepStrictEqual(invalid, [], `invalid tokens in ${name}`);
      assert.strictEqual(finalDepth, 1, `${name}: a block is still open at the end of the file`);
      const kinds = classify(lines);
      const raw = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
      const count = (kind) => kinds.filter((k) => k === kind).length;
      // Lines whose shape alone says what they are (no context needed) must be read as that.
      raw.forEach((line, index) => {
        const stripped = line.trim();
        if (stripped.startsWith("//")) assert.strictEqual(kinds[index], "comment", `${name}:${index + 1}`);
        else if (stripped === "}") assert.strictEqual(kinds[index], "close", `${name}:${index + 1}`);
        else if (/^(draft|parties|term|article|clause|guarantee)(?=[\s{]).*\{$/.test(stripped))
          assert.strictEqual(kinds[index], "opener", `${name}:${index + 1}`);
      });
      assert.strictEqual(count("opener"), count("close"), `${name}: openers and closing braces balance`);
      assert.ok(count("field") > 0 && count("party") > 0 && count("prose") > 0, `${name}: fields, parties and prose`);
      console.log(
        `ok - ${name}: ${lines.length} lines, ${count("opener")} blocks, ${count("field")} fields, ` +
          `${count("party")} parties, ${count("prose")} prose lines`,
      );
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n${error.message}`);
    }
  }
  const bad = list(path.join(ROOT, "tests", "bad"));
  for (const file of bad) {
    const name = path.relative(ROOT, file);
    try {
      tokenizeText(grammar, fs.readFileSync(file, "utf8"));
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n${error.message}`);
    }
  }
  if (bad.length) console.log(`ok - ${bad.length} broken files of tests/bad tokenise to the end`);
  console.log(failed ? `${failed} draft tests failed` : `${drafts.length} drafts tokenised without error`);
  process.exit(failed ? 1 : 0);
})();

// Shared by the tests: the repository root, and broken copies of parts of it.
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { formatFinding } = require("../src/findings");

const REPO = path.resolve(__dirname, "..", "..", "..");

// Copies terraform/ and cloud-init/ to a scratch repository, then applies each edit:
// { file (relative to the repo), replace, with } — replace must occur in the file.
function brokenCopy(edits) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "iac-check-broken-"));
  for (const dir of ["terraform", "cloud-init"]) fs.cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  for (const edit of edits) {
    const file = path.join(root, edit.file);
    const text = fs.readFileSync(file, "utf8");
    assert.ok(text.includes(edit.replace), `${edit.file} no longer contains ${JSON.stringify(edit.replace)}: update the test`);
    fs.writeFileSync(file, text.replace(edit.replace, edit.with));
  }
  return root;
}

function lines(findings, root) {
  return findings.map((f) => formatFinding(f, root));
}

module.exports = { REPO, brokenCopy, lines };

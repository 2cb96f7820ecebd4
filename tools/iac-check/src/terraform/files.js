// Reads and parses every .tf file below a folder, grouped by module (folder).
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { parse } = require("@cdktf/hcl2json");
const { outline } = require("./outline");
const { finding } = require("../findings");

function tfFilesBelow(root) {
  const files = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith(".")) files.push(...tfFilesBelow(full));
    else if (entry.isFile() && entry.name.endsWith(".tf")) files.push(full);
  }
  return files.sort();
}

// hcl2json reports "parse config: [main.tf:8,15-9,1: Invalid expression; Expected ...]".
function syntaxFinding(file, error) {
  const text = String(error.message || error).replace(/^Error: /, "");
  const match = text.match(/:(\d+),\d+(?:-\d+(?:,\d+)?)?: (.*?)\]?$/s);
  return finding(file, match ? Number(match[1]) : 1, `does not parse: ${match ? match[2] : text}`);
}

// Returns { modules: Map<dir, TfFile[]>, unparsed: Set<dir>, findings } where
// TfFile = { file, source, body, tree }.
async function readTerraform(root) {
  const modules = new Map();
  const unparsed = new Set();
  const findings = [];
  for (const file of tfFilesBelow(root)) {
    const source = fs.readFileSync(file, "utf8");
    let body;
    try {
      body = await parse(file, source);
    } catch (error) {
      findings.push(syntaxFinding(file, error));
      unparsed.add(path.dirname(file));
      continue;
    }
    const dir = path.dirname(file);
    if (!modules.has(dir)) modules.set(dir, []);
    modules.get(dir).push({ file, source, body, tree: outline(source) });
  }
  return { modules, unparsed, findings };
}

module.exports = { readTerraform, tfFilesBelow };

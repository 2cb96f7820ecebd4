// A finding is one problem at one place: printed as "file:line: message".
"use strict";

const path = require("node:path");

function finding(file, line, message) {
  return { file, line, message };
}

function formatFinding(f, base = process.cwd()) {
  return `${path.relative(base, f.file) || f.file}:${f.line}: ${f.message}`;
}

module.exports = { finding, formatFinding };

// Where things are in a .tf file. hcl2json gives the content but no line numbers, so this scans
// the source for block headers and argument names (skipping strings, interpolations, comments
// and heredocs) to point each finding at a line.
"use strict";

// Returns the tree of blocks and arguments: { name, line, children } where a block's name is its
// type and labels joined by spaces ('resource azurerm_subnet backend') and an argument's is its name.
function outline(source) {
  const root = { name: "", line: 1, children: [] };
  const stack = [root];
  const lines = source.split("\n");
  let heredoc = null;
  let inComment = false;
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index];
    if (heredoc) {
      if (text.trim() === heredoc) heredoc = null;
      continue;
    }
    const code = codeOnly(text, inComment);
    inComment = code.inComment;
    // Labels are strings, blanked in code.text: read them from the line itself.
    const header = /^\s*[A-Za-z_][\w-]*(?:\s+""|\s+[A-Za-z_][\w-]*)*\s*\{/.test(code.text) &&
      text.match(/^\s*([A-Za-z_][\w-]*)((?:\s+"[^"]*"|\s+[A-Za-z_][\w-]*)*)\s*\{/);
    const argument = code.text.match(/^\s*([A-Za-z_][\w-]*)\s*=(?!=)/);
    const parent = stack[stack.length - 1];
    if (argument) {
      parent.children.push({ name: argument[1], line: index + 1, children: [] });
    } else if (header) {
      const labels = header[2].trim().split(/\s+/).filter(Boolean).map((l) => l.replace(/"/g, ""));
      const block = { name: [header[1], ...labels].join(" "), line: index + 1, children: [] };
      parent.children.push(block);
      stack.push(block);
      code.opens -= 1; // this line's first '{' is the block's own
    }
    const marker = text.match(/<<-?([A-Za-z_]+)\s*$/);
    if (marker) heredoc = marker[1];
    // Braces that open objects or close blocks on this line.
    for (let i = 0; i < code.opens; i++) stack.push({ name: "{", line: index + 1, children: [], anonymous: true });
    for (let i = 0; i < code.closes && stack.length > 1; i++) stack.pop();
  }
  return root;
}

// The line with strings, interpolations and comments blanked out, and its brace counts.
function codeOnly(text, inComment) {
  let out = "";
  let opens = 0;
  let closes = 0;
  const modes = []; // "string" or "interp"
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    const mode = modes[modes.length - 1];
    if (inComment) {
      if (c === "*" && next === "/") { inComment = false; i++; }
      continue;
    }
    if (mode === "string") {
      if (c === "\\") { i++; continue; }
      if ((c === "$" || c === "%") && next === "{") { modes.push("interp"); i++; continue; }
      if (c === '"') modes.pop();
      continue;
    }
    if (c === '"') { modes.push("string"); out += '""'; continue; }
    if (mode === "interp") {
      if (c === "{") modes.push("interp");
      if (c === "}") modes.pop();
      continue;
    }
    if (c === "#" || (c === "/" && next === "/")) break;
    if (c === "/" && next === "*") { inComment = true; i++; continue; }
    if (c === "{") opens++;
    if (c === "}") closes++;
    out += c;
  }
  return { text: out, opens, closes, inComment };
}

// The line of the deepest element of `path` found: path is a list of names (or [name, nth] for
// the nth of repeated blocks), each looked up among the children of the previous one.
function lineOf(tree, path) {
  let node = tree;
  let line = 1;
  for (const step of path) {
    const [name, nth] = Array.isArray(step) ? step : [step, 0];
    const found = findChild(node, name, { remaining: nth });
    if (!found) break;
    node = found;
    line = found.line;
  }
  return line;
}

// Anonymous braces (object values) are looked through.
function findChild(node, name, counter) {
  for (const child of node.children) {
    if (child.name === name && counter.remaining-- === 0) return child;
    if (child.anonymous) {
      const inner = findChild(child, name, counter);
      if (inner) return inner;
    }
  }
  return null;
}

module.exports = { outline, lineOf };

// Renders a template as Terraform's templatefile() does, for the subset our templates use:
//   ${name}                  a string, number or bool variable
//   ${jsonencode(name)}      any variable as JSON (which is also YAML)
//   ${base64encode(name)}    a string variable, base64-encoded
//   %{ if name } ... %{ else } ... %{ endif }   with a bool variable
//   %{ for v in name } ... %{ endfor }          over a list, or a map by its keys in lexical order
//   %{ for k, v in name } ... %{ endfor }       (k: the index or the key)
//   $${ and %%{              a literal ${ and %{
//   ~ strip markers          %{ if x ~} removes the whitespace (and newline) after the directive
// Anything else is refused rather than rendered wrongly. As in Terraform, a variable the template
// uses but was not given is an error, and so is a value of the wrong type.
"use strict";

class TemplateError extends Error {
  constructor(line, message) {
    super(message);
    this.line = line;
  }
}

const FUNCTIONS = {
  jsonencode: (value) => terraformJson(value),
  base64encode: (value, fail) => Buffer.from(stringOf(value, fail), "utf8").toString("base64"),
};

// JSON as Terraform's jsonencode writes it: compact, object keys sorted, <>& escaped (Go's encoder).
function terraformJson(value) {
  const sorted = (v) => (v && typeof v === "object" && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]))
    : Array.isArray(v) ? v.map(sorted) : v);
  return JSON.stringify(sorted(value)).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

// Splits the text into literal text and ${...} / %{...} sequences, with strip markers applied.
function tokenize(text) {
  const tokens = [];
  const pattern = /\$\$\{|%%\{|([$%])\{(~?)\s*([^}]*?)\s*(~?)\}/g;
  let last = 0;
  let line = 1;
  let match;
  const literal = (value) => tokens.push({ kind: "text", value });
  while ((match = pattern.exec(text)) !== null) {
    literal(text.slice(last, match.index));
    line += countLines(text.slice(last, match.index));
    last = pattern.lastIndex;
    if (match[0] === "$${" || match[0] === "%%{") {
      literal(match[0].slice(1));
      continue;
    }
    const [, sigil, stripBefore, body, stripAfter] = match;
    tokens.push({ kind: sigil === "$" ? "interpolation" : "directive", body, line, stripBefore: !!stripBefore, stripAfter: !!stripAfter });
    line += countLines(match[0]);
  }
  literal(text.slice(last));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.stripBefore && tokens[i - 1] && tokens[i - 1].kind === "text") tokens[i - 1].value = tokens[i - 1].value.replace(/\s+$/, "");
    if (token.stripAfter && tokens[i + 1] && tokens[i + 1].kind === "text") tokens[i + 1].value = tokens[i + 1].value.replace(/^\s+/, "");
  }
  return tokens;
}

function countLines(text) {
  return (text.match(/\n/g) || []).length;
}

// Parses tokens into a tree of { kind: text | value | if | for } nodes.
function parseTemplate(text) {
  const tokens = tokenize(text);
  let position = 0;
  function sequence(closers) {
    const nodes = [];
    while (position < tokens.length) {
      const token = tokens[position];
      if (token.kind === "text") {
        nodes.push(token);
        position++;
      } else if (token.kind === "interpolation") {
        nodes.push(interpolation(token));
        position++;
      } else {
        const words = token.body.split(/\s+/);
        if (closers.includes(words[0])) return nodes;
        const loop = token.body.match(/^for\s+([A-Za-z_]\w*)(?:\s*,\s*([A-Za-z_]\w*))?\s+in\s+([A-Za-z_]\w*)$/);
        if (loop) {
          position++;
          const [key, value] = loop[2] ? [loop[1], loop[2]] : [null, loop[1]];
          nodes.push({ kind: "for", key, value, name: loop[3], line: token.line, body: sequence(["endfor"]) });
          position++; // endfor
          continue;
        }
        if (words[0] !== "if" || words.length !== 2) throw new TemplateError(token.line, `unsupported directive %{${token.body}} (supported: if NAME, else, endif, for [K,] V in NAME, endfor)`);
        position++;
        const node = { kind: "if", name: words[1], line: token.line, then: sequence(["else", "endif"]), otherwise: [] };
        if (position >= tokens.length) throw new TemplateError(token.line, `%{if ${node.name}} has no %{endif}`);
        if (tokens[position].body === "else") {
          position++;
          node.otherwise = sequence(["endif"]);
          if (position >= tokens.length) throw new TemplateError(token.line, `%{if ${node.name}} has no %{endif}`);
        }
        position++; // endif
        nodes.push(node);
      }
    }
    if (closers.length) throw new TemplateError(tokens[tokens.length - 1].line || 1, `missing %{${closers[closers.length - 1]}}`);
    return nodes;
  }
  const nodes = sequence([]);
  return nodes;
}

function interpolation(token) {
  const plain = token.body.match(/^([A-Za-z_]\w*)$/);
  if (plain) return { kind: "value", name: plain[1], line: token.line };
  const call = token.body.match(/^([a-z0-9]+)\(\s*([A-Za-z_]\w*)\s*\)$/);
  if (call && FUNCTIONS[call[1]]) return { kind: "value", name: call[2], fn: call[1], line: token.line };
  throw new TemplateError(token.line, `unsupported expression \${${token.body}} (supported: NAME, ${Object.keys(FUNCTIONS).map((f) => `${f}(NAME)`).join(", ")})`);
}

function stringOf(value, fail) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return fail(`is ${value === null ? "null" : Array.isArray(value) ? "a list" : "an object"}: a string template needs a string, number or bool (use jsonencode)`);
}

function render(text, vars) {
  const out = [];
  const emit = (nodes, vars) => {
    for (const node of nodes) {
      if (node.kind === "text") {
        out.push(node.value);
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(vars, node.name)) {
        throw new TemplateError(node.line, `undefined template variable "${node.name}"`);
      }
      const value = vars[node.name];
      const fail = (problem) => { throw new TemplateError(node.line, `variable "${node.name}" ${problem}`); };
      if (node.kind === "if") {
        if (typeof value !== "boolean") fail(`is used as a condition and must be a bool, got ${JSON.stringify(value)}`);
        emit(value ? node.then : node.otherwise, vars);
      } else if (node.kind === "for") {
        if (value === null || typeof value !== "object") fail(`is iterated and must be a list or a map, got ${JSON.stringify(value)}`);
        const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.keys(value).sort().map((k) => [k, value[k]]);
        for (const [k, v] of entries) emit(node.body, { ...vars, [node.value]: v, ...(node.key ? { [node.key]: k } : {}) });
      } else {
        out.push(node.fn ? FUNCTIONS[node.fn](value, fail) : stringOf(value, fail));
      }
    }
  };
  emit(parseTemplate(text), vars);
  return out.join("");
}

// The names of the variables a template uses (not a loop's own).
function templateVariables(text) {
  const names = new Set();
  const walk = (nodes, bound) => {
    for (const node of nodes) {
      if (node.kind !== "text" && !bound.has(node.name)) names.add(node.name);
      if (node.kind === "if") {
        walk(node.then, bound);
        walk(node.otherwise, bound);
      }
      if (node.kind === "for") walk(node.body, new Set([...bound, node.key, node.value]));
    }
  };
  walk(parseTemplate(text), new Set());
  return names;
}

module.exports = { render, templateVariables, TemplateError };

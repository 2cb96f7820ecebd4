// The renderer does what Terraform's templatefile() does for the syntax our templates use, and
// refuses what it does not understand rather than render it wrongly.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { render, templateVariables } = require("../src/template");

test("interpolations, escapes and jsonencode render as templatefile would", () => {
  const text = "a: ${name}\nb: $${HOME} %%{x}\nc: ${jsonencode(list)}\nd: ${port}\n";
  assert.equal(render(text, { name: "x", list: [{ b: 1, a: "<" }], port: 18000 }),
    'a: x\nb: ${HOME} %{x}\nc: [{"a":"\\u003c","b":1}]\nd: 18000\n');
});

test("if/else with strip markers keeps the surrounding lines intact", () => {
  const text = "packages:\n  - nginx\n%{~ if extra }\n  - consul\n%{~ endif }\nnext: 1\n";
  assert.equal(render(text, { extra: true }), "packages:\n  - nginx\n  - consul\nnext: 1\n");
  assert.equal(render(text, { extra: false }), "packages:\n  - nginx\nnext: 1\n");
});

test("an undefined variable, a wrong type or unsupported syntax is an error with its line", () => {
  assert.throws(() => render("a\n${missing}", {}), { line: 2, message: 'undefined template variable "missing"' });
  assert.throws(() => render("${list}", { list: [] }), { line: 1, message: /variable "list" is a list: a string template needs/ });
  assert.throws(() => render("%{ if flag }x%{ endif }", { flag: "yes" }), { message: /must be a bool/ });
  assert.throws(() => render("\n\n${upper(name)}", { name: "x" }), { line: 3, message: /unsupported expression/ });
  assert.throws(() => render("%{ for x in range(3) }%{ endfor }", {}), { message: /unsupported directive/ });
  assert.throws(() => render("%{ for x in xs }", { xs: [] }), { message: /missing %\{endfor\}/ });
  assert.throws(() => render("%{ for x in xs }${x}%{ endfor }", { xs: "a" }), { message: /must be a list or a map/ });
});

test("for loops a map in key order and a list in order, with strip markers as templatefile", () => {
  const text = "files:\n%{~ for name, pem in files }\n  - ${name}: ${base64encode(pem)}\n%{~ endfor }\nnext: 1\n";
  assert.equal(render(text, { files: { "b.key": "k", "a.crt": "c" } }), "files:\n  - a.crt: Yw==\n  - b.key: aw==\nnext: 1\n");
  assert.equal(render(text, { files: {} }), "files:\nnext: 1\n");
  assert.equal(render("%{ for i, x in xs }${i}=${x} %{ endfor }", { xs: ["a", "b"] }), "0=a 1=b ");
  assert.equal(render("%{ for x in xs }%{ if on }${x}%{ endif }%{ endfor }", { xs: ["a"], on: true }), "a");
});

test("templateVariables lists every variable, in both branches", () => {
  assert.deepEqual([...templateVariables("${a} %{ if b }${c}%{ else }${jsonencode(d)}%{ endif }")], ["a", "b", "c", "d"]);
});

test("templateVariables lists a loop's collection and what its body uses, not the loop's own names", () => {
  assert.deepEqual([...templateVariables("%{ for k, v in files }${k}${base64encode(v)}${mode}%{ endfor }")], ["files", "mode"]);
});

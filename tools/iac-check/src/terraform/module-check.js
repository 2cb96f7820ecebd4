// Checks what ties a module together and to its callers, as `terraform validate` would: every
// input a module call passes is a declared variable and every variable without a default is
// passed; every module.X.Y read is a declared output; every var., local., resource and data
// reference names something declared; every templatefile() is given exactly the variables its
// template uses.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { finding } = require("../findings");
const { lineOf } = require("./outline");
const { templateVariables, TemplateError } = require("../template");

const MODULE_META_ARGUMENTS = new Set(["source", "version", "count", "for_each", "providers", "depends_on"]);

// What one module (folder) declares.
function declarations(files) {
  const declared = { variables: new Map(), outputs: new Map(), locals: new Map(), modules: new Map(), resources: new Set(), data: new Set() };
  for (const tf of files) {
    for (const [name, [body]] of Object.entries(tf.body.variable || {})) declared.variables.set(name, { tf, body });
    for (const [name, [body]] of Object.entries(tf.body.output || {})) declared.outputs.set(name, { tf, body });
    for (const locals of tf.body.locals || []) for (const [name, value] of Object.entries(locals)) declared.locals.set(name, { tf, value });
    for (const [name, [body]] of Object.entries(tf.body.module || {})) declared.modules.set(name, { tf, body });
    for (const [type, instances] of Object.entries(tf.body.resource || {})) for (const name of Object.keys(instances)) declared.resources.add(`${type}.${name}`);
    for (const [type, instances] of Object.entries(tf.body.data || {})) for (const name of Object.keys(instances)) declared.data.add(`${type}.${name}`);
  }
  return declared;
}

// Every string in a parsed body with the path of names that leads to it (for line numbers).
function* strings(value, where) {
  if (typeof value === "string") yield { text: value, where };
  else if (Array.isArray(value)) for (const [nth, item] of value.entries()) yield* strings(item, where.length && typeof item === "object" ? [...where.slice(0, -1), [lastName(where), nth]] : where);
  else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) yield* strings(item, [...where, key]);
}

function lastName(where) {
  const last = where[where.length - 1];
  return Array.isArray(last) ? last[0] : last;
}

// Top-level blocks are named as outline() names them: 'resource azurerm_subnet backend'.
function* expressions(tf) {
  for (const [keyword, content] of Object.entries(tf.body)) {
    const labelled = { resource: 2, data: 2, module: 1, variable: 1, output: 1, provider: 1 }[keyword];
    if (labelled === 2) {
      for (const [type, instances] of Object.entries(content)) for (const [name, bodies] of Object.entries(instances)) yield* strings(bodies, [`${keyword} ${type} ${name}`]);
    } else if (labelled === 1) {
      for (const [name, bodies] of Object.entries(content)) yield* strings(bodies, [`${keyword} ${name}`]);
    } else {
      yield* strings(content, [keyword]);
    }
  }
}

function checkModule(dir, files, modulesByDir) {
  const findings = [];
  const declared = declarations(files);
  const report = (tf, where, message) => findings.push(finding(tf.file, lineOf(tf.tree, where), message));

  for (const tf of files) {
    for (const { text, where } of expressions(tf)) {
      if (!text.includes("${")) continue;
      checkReferences(text, declared, (message) => report(tf, where, message));
      checkTemplatefileCalls(text, dir, declared, (message) => report(tf, where, message));
    }
  }
  for (const [name, { tf, body }] of declared.modules) {
    checkModuleCall(name, body, dir, modulesByDir, (where, message) => report(tf, [`module ${name}`, ...where], message));
  }
  for (const tf of files) {
    for (const { text, where } of expressions(tf)) {
      for (const match of text.matchAll(/\bmodule\.([A-Za-z_][\w-]*)(?:\[[^\]]*\])?\.([A-Za-z_][\w-]*)/g)) {
        const called = declared.modules.get(match[1]);
        const calledDir = called && typeof called.body.source === "string" && path.resolve(dir, called.body.source);
        const outputs = calledDir && modulesByDir.has(calledDir) && declarations(modulesByDir.get(calledDir)).outputs;
        if (outputs && !outputs.has(match[2])) report(tf, where, `module.${match[1]}.${match[2]}: module "${match[1]}" (${called.body.source}) has no output "${match[2]}"`);
      }
    }
  }
  return findings;
}

function checkReferences(text, declared, report) {
  for (const match of text.matchAll(/\b(var|local|module)\.([A-Za-z_][\w-]*)/g)) {
    const [, kind, name] = match;
    const table = { var: declared.variables, local: declared.locals, module: declared.modules }[kind];
    if (!table.has(name)) report(`${kind}.${name} is not declared in this module`);
  }
  for (const match of text.matchAll(/(?<![\w.])(data\.)?(azurerm_\w+)\.([A-Za-z_][\w-]*)/g)) {
    const [, data, type, name] = match;
    const table = data ? declared.data : declared.resources;
    if (!table.has(`${type}.${name}`)) report(`${data || ""}${type}.${name} is not declared in this module`);
  }
}

// templatefile("${path.module}/PATH", local.NAME): the local object's keys are the template's variables.
function checkTemplatefileCalls(text, dir, declared, report) {
  for (const match of text.matchAll(/templatefile\("\$\{path\.module\}\/([^"]+)",\s*([^)]*)\)/g)) {
    const [, relative, argument] = match;
    const templateFile = path.resolve(dir, relative);
    if (!fs.existsSync(templateFile)) {
      report(`templatefile: ${relative} does not exist`);
      continue;
    }
    const local = argument.trim().match(/^local\.([A-Za-z_]\w*)$/);
    const value = local && declared.locals.get(local[1]);
    if (!value || typeof value.value !== "object") {
      report(`templatefile(${relative}): pass the variables as a local object (local.NAME = { ... }) so that they can be checked`);
      continue;
    }
    let used;
    try {
      used = templateVariables(fs.readFileSync(templateFile, "utf8"));
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      continue; // the template check reports it, at the template's own line
    }
    const given = new Set(Object.keys(value.value));
    for (const name of used) if (!given.has(name)) report(`templatefile(${relative}): the template uses "${name}", which local.${local[1]} does not give`);
    for (const name of given) if (!used.has(name)) report(`templatefile(${relative}): local.${local[1]}.${name} is given but the template never uses it`);
  }
}

function checkModuleCall(name, body, dir, modulesByDir, report) {
  if (typeof body.source !== "string" || !body.source.startsWith(".")) {
    report(["source"], `module "${name}": only local modules (source = "./..." or "../...") can be checked`);
    return;
  }
  const calledDir = path.resolve(dir, body.source);
  if (!modulesByDir.has(calledDir)) {
    report(["source"], `module "${name}": ${body.source} has no .tf files`);
    return;
  }
  const { variables } = declarations(modulesByDir.get(calledDir));
  for (const input of Object.keys(body)) {
    if (MODULE_META_ARGUMENTS.has(input)) continue;
    if (!variables.has(input)) report([input], `module "${name}": ${body.source} declares no variable "${input}"`);
  }
  for (const [variable, { body: declaration }] of variables) {
    if (!("default" in declaration) && !(variable in body)) report([], `module "${name}": required input "${variable}" of ${body.source} is not passed`);
  }
}

module.exports = { checkModule };

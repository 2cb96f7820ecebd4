// Checks every resource, data source and provider block against its provider's schema (azurerm or
// azuread, by the type's prefix as Terraform picks the provider): the type exists, every argument
// and block exists, every required one is there, blocks are written as blocks. What `terraform
// validate` would say about them, without terraform.
"use strict";

const { finding } = require("../findings");
const { lineOf } = require("./outline");

// Terraform's own arguments, valid in every resource and data block.
const META_ARGUMENTS = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

function checkSchema(tfFile, schemas) {
  const findings = [];
  const report = (path, message) => findings.push(finding(tfFile.file, lineOf(tfFile.tree, path), message));
  const known = Object.keys(schemas).join(" and ");
  for (const keyword of ["resource", "data"]) {
    const kind = keyword === "data" ? "data source" : "resource";
    for (const [type, instances] of Object.entries(tfFile.body[keyword] || {})) {
      // Terraform's default: the provider is the type's first word (azuread_application: azuread).
      const provider = type.split("_")[0];
      const schema = schemas[provider];
      for (const [name, bodies] of Object.entries(instances)) {
        const where = [`${keyword} ${type} ${name}`];
        const label = `${keyword === "data" ? "data." : ""}${type}.${name}`;
        if (!schema) {
          report(where, `${label}: ${kind} type ${type} is of provider ${provider}, and only ${known} have a schema here`);
          continue;
        }
        const types = keyword === "data" ? schema.data : schema.resources;
        if (!types[type]) {
          report(where, `${label}: unknown ${kind} type ${type} in ${provider} ${schema.provider_version}`);
          continue;
        }
        for (const body of bodies) checkBlock(body, types[type], { label, where, report, requireAll: true });
      }
    }
  }
  for (const [name, bodies] of Object.entries(tfFile.body.provider || {})) {
    if (!schemas[name]) {
      report([`provider ${name}`], `provider ${name}: only ${known} have a schema here`);
      continue;
    }
    // The provider's arguments may all come from the environment: check names only.
    for (const body of bodies) checkBlock(body, schemas[name].provider, { label: `provider ${name}`, where: [`provider ${name}`], report, requireAll: false });
  }
  return findings;
}

function checkBlock(body, blockSchema, context) {
  const { label, where, report, requireAll } = context;
  const present = new Set();
  for (const [key, value] of Object.entries(body)) {
    if (where.length === 1 && META_ARGUMENTS.has(key)) continue;
    if (key === "dynamic") {
      checkDynamicBlocks(value, blockSchema, context, present);
      continue;
    }
    present.add(key);
    if (blockSchema.arguments[key]) continue;
    const nested = blockSchema.blocks[key];
    if (!nested) {
      report([...where, key], `${label}: unknown argument or block "${key}"`);
    } else if (!Array.isArray(value)) {
      report([...where, key], `${label}: "${key}" is a block: write ${key} { ... }, not ${key} = ...`);
    } else {
      if (!nested.list && value.length > 1) report([...where, [key, 1]], `${label}: at most one "${key}" block`);
      value.forEach((inner, nth) => checkBlock(inner, nested.block, { ...context, label: `${label}.${key}`, where: [...where, [key, nth]], requireAll: true }));
    }
  }
  if (!requireAll) return;
  for (const [name, argument] of Object.entries(blockSchema.arguments)) {
    if (argument.required && !present.has(name)) report(where, `${label}: missing required argument "${name}"`);
  }
  for (const [name, block] of Object.entries(blockSchema.blocks)) {
    if (block.required && !present.has(name)) report(where, `${label}: missing required block "${name}"`);
  }
}

// dynamic "NAME" { for_each = ...  content { ... } } stands for NAME blocks.
function checkDynamicBlocks(dynamics, blockSchema, context, present) {
  const { label, where, report } = context;
  for (const [name, generators] of Object.entries(dynamics)) {
    present.add(name);
    const nested = blockSchema.blocks[name];
    const at = [...where, `dynamic ${name}`];
    if (!nested) {
      report(at, `${label}: unknown block "${name}" in dynamic block`);
      continue;
    }
    for (const generator of generators) {
      if (!generator.for_each) report(at, `${label}: dynamic "${name}" has no for_each`);
      for (const content of generator.content || []) {
        checkBlock(content, nested.block, { ...context, label: `${label}.${name}`, where: [...at, "content"], requireAll: true });
      }
      if (!generator.content) report(at, `${label}: dynamic "${name}" has no content block`);
    }
  }
}

module.exports = { checkSchema };

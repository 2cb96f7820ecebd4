// Extracts a compact azurerm schema from the pinned @cdktf/provider-azurerm package.
//
// There is no terraform binary here to print `terraform providers schema`, but the cdktf
// bindings are generated from that very schema: each resource and data source has a Config
// interface whose properties are its arguments (optional or not) and whose nested struct types
// are its blocks. Each property's doc link ends in the exact Terraform name (#admin_username);
// blocks say "os_disk block.". @cdktf/provider-azurerm 14.23.1 is azurerm 4.55.0.
//
// Output shape: { provider_version, provider: Block, resources: {type: Block}, data: {type: Block} }
// where Block = { arguments: {name: {required}}, blocks: {name: {required, list, block: Block}} }.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const PACKAGE = "@cdktf/provider-azurerm";

function loadJsii() {
  const file = path.join(path.dirname(require.resolve(`${PACKAGE}/package.json`)), ".jsii");
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function snakeCase(camel) {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

// The Terraform name of a property: the anchor of its docs link, or "<name> block.", or derived.
function terraformName(property) {
  const summary = (property.docs && property.docs.summary) || "";
  const anchor = summary.match(/#([a-z0-9_]+) /);
  if (anchor) return anchor[1];
  const block = summary.match(/^([a-z0-9_]+) block\./);
  if (block) return block[1];
  return snakeCase(property.name);
}

// A block is a property typed as a struct of this provider, alone or as a list of them.
function blockStruct(type) {
  if (type.fqn && type.fqn.startsWith(`${PACKAGE}.`)) return { fqn: type.fqn, list: false };
  for (const member of (type.union && type.union.types) || []) {
    const element = member.collection && member.collection.kind === "array" && member.collection.elementtype;
    if (element && element.fqn && element.fqn.startsWith(`${PACKAGE}.`)) return { fqn: element.fqn, list: true };
  }
  return null;
}

function blockSchema(types, fqn, seen = new Set()) {
  const struct = types[fqn];
  if (!struct) throw new Error(`${fqn} is not in the ${PACKAGE} assembly`);
  if (seen.has(fqn)) return { arguments: {}, blocks: {} }; // no recursive schemas expected; stay finite
  const schema = { arguments: {}, blocks: {} };
  for (const property of struct.properties || []) {
    const name = terraformName(property);
    const required = !property.optional;
    const nested = blockStruct(property.type);
    if (nested) {
      schema.blocks[name] = { required, list: nested.list, block: blockSchema(types, nested.fqn, new Set([...seen, fqn])) };
    } else {
      schema.arguments[name] = { required };
    }
  }
  return schema;
}

// "Represents a {@link .../docs/resources/resource_group azurerm_resource_group}."
function terraformType(classDocs) {
  const match = ((classDocs && classDocs.summary) || "").match(/\/docs\/(resources|data-sources)\/[a-z0-9_]+ (azurerm_[a-z0-9_]+)\}/);
  return match && { kind: match[1] === "resources" ? "resources" : "data", type: match[2] };
}

function extractSchema(jsii = loadJsii()) {
  const types = jsii.types;
  const schema = { provider_version: null, provider: null, resources: {}, data: {} };
  for (const type of Object.values(types)) {
    if (type.kind !== "class" || !type.initializer) continue;
    const config = (type.initializer.parameters || []).find((p) => p.name === "config");
    if (!config || !config.type.fqn) continue;
    if (type.fqn === `${PACKAGE}.provider.AzurermProvider`) {
      schema.provider = blockSchema(types, config.type.fqn);
      continue;
    }
    const named = terraformType(type.docs);
    if (named) schema[named.kind][named.type] = blockSchema(types, config.type.fqn);
  }
  const version = JSON.stringify(types[`${PACKAGE}.provider.AzurermProviderConfig`]).match(/hashicorp\/azurerm\/(\d+\.\d+\.\d+)\//);
  schema.provider_version = version && version[1];
  if (!schema.provider || Object.keys(schema.resources).length < 1000) {
    throw new Error(`${PACKAGE} did not look as expected: ${Object.keys(schema.resources).length} resources found`);
  }
  return schema;
}

module.exports = { extractSchema };

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node src/extract-schema.js OUTPUT.json");
    process.exit(2);
  }
  const schema = extractSchema();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(schema));
  console.log(`azurerm ${schema.provider_version}: ${Object.keys(schema.resources).length} resources, ` +
    `${Object.keys(schema.data).length} data sources -> ${out}`);
}

// Extracts a compact provider schema (azurerm or azuread) from its pinned @cdktf/provider-* package.
//
// There is no terraform binary here to print `terraform providers schema`, but the cdktf
// bindings are generated from that very schema: each resource and data source has a Config
// interface whose properties are its arguments (optional or not) and whose nested struct types
// are its blocks. Each property's doc link ends in the exact Terraform name (#admin_username);
// blocks say "os_disk block.". @cdktf/provider-azurerm 14.23.1 is azurerm 4.55.0;
// @cdktf/provider-azuread 14.3.1 is azuread 3.7.0.
//
// Output shape: { provider_name, provider_version, provider: Block, resources: {type: Block},
// data: {type: Block} } where Block = { arguments: {name: {required}}, blocks: {name: {required,
// list, block: Block}} }.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

// Each provider the modules may use: its bindings, and how many resources they must have at least
// (fewer means the package's layout changed and the extraction missed them).
const PROVIDERS = {
  azurerm: { package: "@cdktf/provider-azurerm", providerClass: "AzurermProvider", minResources: 1000 },
  azuread: { package: "@cdktf/provider-azuread", providerClass: "AzureadProvider", minResources: 30 },
};

function loadJsii(pkg) {
  const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), ".jsii");
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function snakeCase(camel) {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

// The Terraform name of a property: the anchor of its docs link (in the summary when the
// argument has no description, else in the remarks), or "<name> block.", or derived.
function terraformName(property) {
  const summary = (property.docs && property.docs.summary) || "";
  const anchor = summary.match(/#([a-z0-9_]+) /) ||
    ((property.docs && property.docs.remarks) || "").match(/Docs at Terraform Registry: \{@link \S+#([a-z0-9_]+) /);
  if (anchor) return anchor[1];
  const block = summary.match(/^([a-z0-9_]+) block\./);
  if (block) return block[1];
  return snakeCase(property.name);
}

// A block is a property typed as a struct of this provider, alone or as a list of them.
function blockStruct(type, pkg) {
  if (type.fqn && type.fqn.startsWith(`${pkg}.`)) return { fqn: type.fqn, list: false };
  for (const member of (type.union && type.union.types) || []) {
    const element = member.collection && member.collection.kind === "array" && member.collection.elementtype;
    if (element && element.fqn && element.fqn.startsWith(`${pkg}.`)) return { fqn: element.fqn, list: true };
  }
  return null;
}

function blockSchema(types, pkg, fqn, seen = new Set()) {
  const struct = types[fqn];
  if (!struct) throw new Error(`${fqn} is not in the ${pkg} assembly`);
  if (seen.has(fqn)) return { arguments: {}, blocks: {} }; // no recursive schemas expected; stay finite
  const schema = { arguments: {}, blocks: {} };
  for (const property of struct.properties || []) {
    const name = terraformName(property);
    const required = !property.optional;
    const nested = blockStruct(property.type, pkg);
    if (nested) {
      schema.blocks[name] = { required, list: nested.list, block: blockSchema(types, pkg, nested.fqn, new Set([...seen, fqn])) };
    } else {
      schema.arguments[name] = { required };
    }
  }
  return schema;
}

// "Represents a {@link .../docs/resources/resource_group azurerm_resource_group}."
function terraformType(classDocs, name) {
  const match = ((classDocs && classDocs.summary) || "").match(new RegExp(`/docs/(resources|data-sources)/[a-z0-9_]+ (${name}_[a-z0-9_]+)\\}`));
  return match && { kind: match[1] === "resources" ? "resources" : "data", type: match[2] };
}

function extractSchema(name = "azurerm", jsii = undefined) {
  const provider = PROVIDERS[name];
  if (!provider) throw new Error(`no bindings known for provider ${name}: only ${Object.keys(PROVIDERS).join(", ")}`);
  const pkg = provider.package;
  const types = (jsii || loadJsii(pkg)).types;
  const schema = { provider_name: name, provider_version: null, provider: null, resources: {}, data: {} };
  for (const type of Object.values(types)) {
    if (type.kind !== "class" || !type.initializer) continue;
    const config = (type.initializer.parameters || []).find((p) => p.name === "config");
    if (!config || !config.type.fqn) continue;
    if (type.fqn === `${pkg}.provider.${provider.providerClass}`) {
      schema.provider = blockSchema(types, pkg, config.type.fqn);
      continue;
    }
    const named = terraformType(type.docs, name);
    if (named) schema[named.kind][named.type] = blockSchema(types, pkg, config.type.fqn);
  }
  const version = JSON.stringify(types[`${pkg}.provider.${provider.providerClass}Config`]).match(new RegExp(`hashicorp/${name}/(\\d+\\.\\d+\\.\\d+)/`));
  schema.provider_version = version && version[1];
  if (!schema.provider || !schema.provider_version || Object.keys(schema.resources).length < provider.minResources) {
    throw new Error(`${pkg} did not look as expected: ${Object.keys(schema.resources).length} resources found`);
  }
  return schema;
}

module.exports = { extractSchema, PROVIDERS };

if (require.main === module) {
  const [name, out] = process.argv.slice(2);
  if (!PROVIDERS[name] || !out) {
    console.error(`usage: node src/extract-schema.js ${Object.keys(PROVIDERS).join("|")} OUTPUT.json`);
    process.exit(2);
  }
  const schema = extractSchema(name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(schema));
  console.log(`${name} ${schema.provider_version}: ${Object.keys(schema.resources).length} resources, ` +
    `${Object.keys(schema.data).length} data sources -> ${out}`);
}

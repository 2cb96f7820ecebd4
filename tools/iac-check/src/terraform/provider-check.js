// Checks that every module pins each provider it uses (azurerm, azuread: a resource, data source
// or provider block of its) in required_providers, with a constraint that admits the provider
// version whose schema the other checks use, so that what was checked is what runs. A module
// that uses none still pins azurerm, as every module here has.
"use strict";

const { finding } = require("../findings");
const { lineOf } = require("./outline");

function providersUsed(files, schemas) {
  const used = new Set();
  for (const tf of files) {
    for (const keyword of ["resource", "data"]) {
      for (const type of Object.keys(tf.body[keyword] || {})) used.add(type.split("_")[0]);
    }
    for (const name of Object.keys(tf.body.provider || {})) used.add(name);
  }
  const known = [...used].filter((name) => schemas[name]);
  return known.length > 0 ? known : ["azurerm"];
}

function checkProviderPin(dir, files, schemas) {
  const findings = [];
  for (const name of Object.keys(schemas)) {
    const pins = [];
    for (const tf of files) {
      for (const terraform of tf.body.terraform || []) {
        for (const providers of terraform.required_providers || []) {
          if (providers[name]) pins.push({ tf, pin: providers[name] });
        }
      }
    }
    if (pins.length === 0) {
      if (providersUsed(files, schemas).includes(name)) {
        findings.push(finding(files[0].file, 1, `module ${dir} does not pin ${name} in terraform { required_providers { ... } }`));
      }
      continue;
    }
    const version = schemas[name].provider_version;
    for (const { tf, pin } of pins) {
      const where = ["terraform", "required_providers", name];
      if (pin.source !== `hashicorp/${name}`) findings.push(finding(tf.file, lineOf(tf.tree, where), `${name} source must be "hashicorp/${name}", got ${JSON.stringify(pin.source)}`));
      const problem = constraintProblem(pin.version, version);
      if (problem) findings.push(finding(tf.file, lineOf(tf.tree, where), `${name} version ${JSON.stringify(pin.version)}: ${problem}`));
    }
  }
  return findings;
}

// Terraform's version constraints: comma-separated "OP VERSION" with = != > >= < <= ~>.
function constraintProblem(constraint, version) {
  if (typeof constraint !== "string") return `pin a version constraint such as "~> ${version.split(".").slice(0, 2).join(".")}"`;
  const have = parseVersion(version);
  for (const part of constraint.split(",").map((p) => p.trim())) {
    const match = part.match(/^(=|!=|>=|<=|>|<|~>)?\s*(\d+(?:\.\d+){0,2})$/);
    if (!match) return `cannot read constraint "${part}"`;
    const op = match[1] || "=";
    const want = parseVersion(match[2]);
    const cmp = compare(have, want.numbers);
    const ok = {
      "=": cmp === 0, "!=": cmp !== 0, ">": cmp > 0, ">=": cmp >= 0, "<": cmp < 0, "<=": cmp <= 0,
      // ~> 4.55 means >= 4.55, < 5; ~> 4.55.0 means >= 4.55.0, < 4.56
      "~>": cmp >= 0 && compare(have, pessimisticUpperBound(want)) < 0,
    }[op];
    if (!ok) return `does not admit ${version}, the version the schema checks use`;
  }
  if (!/~>|</.test(constraint)) return "has no upper bound: a new major version could break the modules";
  return null;
}

function parseVersion(text) {
  const parts = text.split(".").map(Number);
  return { given: parts.length, numbers: [parts[0] || 0, parts[1] || 0, parts[2] || 0] };
}

function pessimisticUpperBound({ given, numbers }) {
  const bound = numbers.slice(0, Math.max(given - 1, 1));
  bound[bound.length - 1] += 1;
  while (bound.length < 3) bound.push(0);
  return bound;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a.numbers[i] !== b[i]) return a.numbers[i] - b[i];
  return 0;
}

module.exports = { checkProviderPin, constraintProblem };

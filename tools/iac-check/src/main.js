// The IaC checks over a repository: node src/main.js [REPO_ROOT]
// Prints one line per finding ("file:line: message") and exits 1 if there is any.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { checkTerraform } = require("./terraform");
const { checkCloudInit } = require("./cloud-init");
const { formatFinding } = require("./findings");

const { PROVIDERS } = require("./extract-schema");

// The schemas of the providers the modules may use, by name (azurerm, azuread), as install.sh
// extracted them into build/NAME-schema.json.
function loadSchemas() {
  const schemas = {};
  for (const name of Object.keys(PROVIDERS)) {
    const file = path.join(__dirname, "..", "build", `${name}-schema.json`);
    if (!fs.existsSync(file)) throw new Error(`no ${name} schema at ${file}: run tools/iac-check/install.sh`);
    schemas[name] = JSON.parse(fs.readFileSync(file, "utf8"));
  }
  return schemas;
}

// Runs every check on a repository (or a copy of part of one): terraform/ and cloud-init/.
async function checkRepository(root, schemas = loadSchemas()) {
  const terraform = await checkTerraform(path.join(root, "terraform"), schemas);
  const cloudInit = await checkCloudInit(path.join(root, "cloud-init"));
  const versions = Object.entries(schemas).map(([name, schema]) => `${name} ${schema.provider_version}`).join(", ");
  return {
    findings: [...terraform.findings, ...cloudInit.findings],
    summary: `${terraform.summary} (${versions}); ${cloudInit.summary}`,
  };
}

module.exports = { checkRepository, loadSchemas };

if (require.main === module) {
  const root = path.resolve(process.argv[2] || path.join(__dirname, "..", "..", ".."));
  checkRepository(root).then(({ findings, summary }) => {
    for (const f of findings) console.log(formatFinding(f, root));
    console.log(`iac-check: ${summary}: ${findings.length === 0 ? "no findings" : `${findings.length} findings`}`);
    process.exitCode = findings.length === 0 ? 0 : 1;
  }, (error) => {
    console.error(`iac-check: ${error.message}`);
    process.exitCode = 2;
  });
}

// The IaC checks over a repository: node src/main.js [REPO_ROOT]
// Prints one line per finding ("file:line: message") and exits 1 if there is any.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { checkTerraform } = require("./terraform");
const { checkCloudInit } = require("./cloud-init");
const { formatFinding } = require("./findings");

const SCHEMA_FILE = path.join(__dirname, "..", "build", "azurerm-schema.json");

function loadSchema() {
  if (!fs.existsSync(SCHEMA_FILE)) {
    throw new Error(`no azurerm schema at ${SCHEMA_FILE}: run tools/iac-check/install.sh`);
  }
  return JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
}

// Runs every check on a repository (or a copy of part of one): terraform/ and cloud-init/.
async function checkRepository(root, schema = loadSchema()) {
  const terraform = await checkTerraform(path.join(root, "terraform"), schema);
  const cloudInit = await checkCloudInit(path.join(root, "cloud-init"));
  return {
    findings: [...terraform.findings, ...cloudInit.findings],
    summary: `${terraform.summary} (azurerm ${schema.provider_version}); ${cloudInit.summary}`,
  };
}

module.exports = { checkRepository, loadSchema };

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

// Every Terraform check over one folder tree (terraform/): parse, schema, module wiring,
// provider pin, README, formatting.
"use strict";

const { readTerraform } = require("./files");
const { checkSchema } = require("./schema-check");
const { checkModule } = require("./module-check");
const { checkProviderPin } = require("./provider-check");
const { checkFormat } = require("./format-check");
const { checkReadme } = require("./readme-check");

// schemas: each provider's schema by name (azurerm, azuread).
async function checkTerraform(root, schemas) {
  const { modules, unparsed, findings } = await readTerraform(root);
  for (const [dir, files] of modules) {
    // A module with a file that does not parse is missing declarations: its parse error is enough.
    if (!unparsed.has(dir)) {
      findings.push(...checkProviderPin(dir, files, schemas));
      findings.push(...checkModule(dir, files, modules));
      findings.push(...checkReadme(dir, files));
    }
    for (const tf of files) {
      findings.push(...checkSchema(tf, schemas));
      findings.push(...await checkFormat(tf));
    }
  }
  const fileCount = [...modules.values()].reduce((n, files) => n + files.length, 0);
  return { findings, summary: `${fileCount} .tf files in ${modules.size} modules` };
}

module.exports = { checkTerraform };

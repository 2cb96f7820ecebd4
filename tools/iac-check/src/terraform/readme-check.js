// Checks that each module's README.md lists every input and output it declares, so that the
// README stays true when a variable or output is added.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { finding } = require("../findings");

function checkReadme(dir, files) {
  const readme = path.join(dir, "README.md");
  if (!fs.existsSync(readme)) return [finding(files[0].file, 1, `module ${path.basename(dir)} has no README.md listing its inputs and outputs`)];
  const text = fs.readFileSync(readme, "utf8");
  const findings = [];
  for (const tf of files) {
    for (const [kind, label] of [["variable", "input"], ["output", "output"]]) {
      for (const name of Object.keys(tf.body[kind] || {})) {
        if (!text.includes(`\`${name}\``)) findings.push(finding(readme, 1, `README.md does not list the ${label} \`${name}\` (declared in ${path.basename(tf.file)})`));
      }
    }
  }
  return findings;
}

module.exports = { checkReadme };

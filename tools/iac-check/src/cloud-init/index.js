// Every check of the templates below cloud-init/: each one is rendered with each case of its test
// values (NAME.test.json beside NAME.yaml.tftpl) as templatefile() would render it, then
//   - a cloud-config passes `cloud-init schema`, its shell scripts `bash -n` and its systemd
//     units `systemd-analyze verify`;
//   - any other YAML template (the Envoy bootstrap, the control plane's config) parses as YAML.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");
const { finding } = require("../findings");
const { render, TemplateError } = require("../template");
const { cloudInitSchema, bashSyntax, systemdVerify } = require("./tools");

function templatesBelow(root) {
  const found = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) found.push(...templatesBelow(full));
    else if (entry.name.endsWith(".tftpl")) found.push(full);
  }
  return found.sort();
}

function testValuesFile(template) {
  return template.replace(/(\.yaml)?\.tftpl$/, ".test.json");
}

// The line of a key path such as "write_files.0.permissions" in the template: each named key is
// looked for after the previous one.
function lineOfKeyPath(text, keyPath) {
  const lines = text.split("\n");
  let from = 0;
  let found = 0;
  for (const key of keyPath.split(".").filter((k) => !/^\d+$/.test(k))) {
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const at = lines.findIndex((l, i) => i >= from && new RegExp(`^\\s*(- )?${escaped}:`).test(l));
    if (at < 0) break;
    found = at;
    from = at + 1;
  }
  return found + 1;
}

async function checkRendered(template, text, rendered, report) {
  if (!rendered.startsWith("#cloud-config")) {
    try {
      YAML.parse(rendered, { prettyErrors: true });
    } catch (error) {
      report(1, `rendered, it is not valid YAML: ${error.message.split("\n")[0]}`);
    }
    return;
  }
  const schemaError = await cloudInitSchema(rendered);
  if (schemaError) {
    const keyPath = (schemaError.match(/^([\w.-]+):/) || [])[1] || "";
    report(lineOfKeyPath(text, keyPath), `cloud-init schema: ${schemaError}`);
    return;
  }
  for (const file of YAML.parse(rendered).write_files || []) {
    const content = file.encoding === "b64" ? Buffer.from(file.content, "base64").toString("utf8") : String(file.content ?? "");
    const pathLine = text.split("\n").findIndex((l) => l.includes(`path: ${file.path}`));
    const line = pathLine >= 0 ? pathLine + 1 : lineOfKeyPath(text, "write_files");
    if (/\.sh$/.test(file.path) || /^#!\/(usr\/)?bin\/(env )?bash/.test(content)) {
      const problem = await bashSyntax(content);
      if (problem) report(line, `${file.path}: bash -n: ${problem}`);
    }
    if (/\.(service|timer|socket)$/.test(file.path)) {
      const problem = await systemdVerify(path.basename(file.path), content);
      if (problem) report(line, `${file.path}: systemd-analyze verify: ${problem}`);
    }
  }
}

async function checkTemplate(template) {
  const findings = [];
  const text = fs.readFileSync(template, "utf8");
  const valuesFile = testValuesFile(template);
  if (!fs.existsSync(valuesFile)) {
    return { findings: [finding(template, 1, `no test values: add ${path.basename(valuesFile)} ({"case name": {variables}})`)], cases: 0 };
  }
  const cases = Object.entries(JSON.parse(fs.readFileSync(valuesFile, "utf8")));
  for (const [name, vars] of cases) {
    const report = (line, message) => findings.push(finding(template, line, `[${name}] ${message}`));
    let rendered;
    try {
      rendered = render(text, vars);
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      report(error.line, error.message);
      continue;
    }
    await checkRendered(template, text, rendered, report);
  }
  return { findings, cases: cases.length };
}

async function checkCloudInit(root) {
  const findings = [];
  let cases = 0;
  const templates = templatesBelow(root);
  for (const template of templates) {
    const result = await checkTemplate(template);
    findings.push(...result.findings);
    cases += result.cases;
  }
  return { findings, summary: `${templates.length} templates, ${cases} rendered cases` };
}

module.exports = { checkCloudInit, checkTemplate };

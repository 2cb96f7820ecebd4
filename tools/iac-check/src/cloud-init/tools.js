// The system tools the cloud-init checks run, each on a rendered file in a scratch folder:
// `cloud-init schema`, `bash -n` and `systemd-analyze verify`. Each returns its complaint as
// one string, or null when it has none.
"use strict";

const { execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

function run(command, args) {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && error.code === "ENOENT") resolve({ missing: true });
      else resolve({ code: error ? (error.code ?? 1) : 0, output: `${stdout}\n${stderr}` });
    });
  });
}

function withScratchFile(name, content, use) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iac-check-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return use(file).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

const missingTool = (tool) => `${tool} is not installed: run tools/iac-check/install.sh`;

function oneLine(output) {
  return output.split("\n").map((l) => l.trim()).filter((l) => l && l !== "Error:" && !/^Cloud config schema deprecations:\s*$/.test(l)).join(" ");
}

// cloud-init schema exits non-zero and prints "Cloud config schema errors: key.path: problem, ...".
async function cloudInitSchema(content) {
  return withScratchFile("user-data.yaml", content, async (file) => {
    const result = await run("cloud-init", ["schema", "--config-file", file]);
    if (result.missing) return missingTool("cloud-init");
    if (result.code === 0) return null;
    return oneLine(result.output.replaceAll(file, "the rendered file"))
      .replace(/^Cloud config schema errors: /, "")
      .replace(/^format-l(\d+)\.c(\d+): /, "line $1 column $2 of the rendered file: ");
  });
}

async function bashSyntax(content) {
  return withScratchFile("script.sh", content, async (file) => {
    const result = await run("bash", ["-n", file]);
    return result.code === 0 ? null : oneLine(result.output.replaceAll(file, "script"));
  });
}

// Units start programs that the VM installs at boot (java, envoy, consul) or that the same
// cloud-config writes; they are not on this machine, so that one complaint is not a finding.
async function systemdVerify(name, content) {
  return withScratchFile(name, content, async (file) => {
    const result = await run("systemd-analyze", ["verify", file]);
    if (result.missing) return missingTool("systemd-analyze");
    const complaints = result.output.split("\n")
      .filter((l) => l.trim() && !/Command \S+ is not executable: No such file or directory/.test(l))
      .map((l) => l.replace(`${file}:`, "line ").replace(file, name));
    return complaints.length ? complaints.join("; ") : null;
  });
}

module.exports = { cloudInitSchema, bashSyntax, systemdVerify };

// The control plane's configuration, as the control-plane VM's cloud-init renders it, is one the
// control plane accepts: rendered with each test case, then checked by `scalemesh serve --check`
// (the jar the Maven build of `./run test` made just before).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { render } = require("../src/template");
const { REPO } = require("./helpers");

const TEMPLATE = path.join(REPO, "cloud-init", "control-plane", "scalemesh.yaml.tftpl");
const CASES = JSON.parse(fs.readFileSync(TEMPLATE.replace(/\.yaml\.tftpl$/, ".test.json"), "utf8"));

function check(yaml) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "scalemesh-config-")), "scalemesh.yaml");
  fs.writeFileSync(file, yaml);
  try {
    return { status: 0, output: execFileSync(path.join(REPO, "run"), ["cli", "serve", "--check", "--config", file],
      { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
  } catch (e) {
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

for (const [name, values] of Object.entries(CASES)) {
  test(`the rendered control-plane configuration (${name}) is accepted by serve --check`, () => {
    const result = check(render(fs.readFileSync(TEMPLATE, "utf8"), values));
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /^configuration OK: backend \((azure-vmss|consul)\)/);
  });
}

// serve --check does not open the TLS files (they exist only on the VM, as systemd credentials:
// tls-files.test.js checks that side), but it does read the tls blocks the template writes.
test("serve --check reads the rendered tls block: one without its private key is rejected", () => {
  const values = CASES["TLS for xDS and the console API, client certificates required"];
  const rendered = render(fs.readFileSync(TEMPLATE, "utf8"), values);
  const broken = rendered.replace(/^ {4}private_key: .*xds\.key\n/m, "");
  assert.notEqual(broken, rendered);
  const result = check(broken);
  assert.equal(result.status, 2, result.output);
  assert.match(result.output, /xds\.tls: tls needs both certificate and private_key/);
});

test("serve --check reads the rendered oidc block: one without audiences is rejected", () => {
  const values = CASES["sign-in with Microsoft Entra ID"];
  assert.equal(values.console_api_oidc, true);
  const rendered = render(fs.readFileSync(TEMPLATE, "utf8"), values);
  const broken = rendered.replace(/^ {4}audiences: .*\n/m, "");
  assert.notEqual(broken, rendered);
  const result = check(broken);
  assert.equal(result.status, 2, result.output);
  assert.match(result.output, /oidc\.audiences must name the API/);
});

test("serve --check rejects a configuration the control plane cannot run", () => {
  const [values] = Object.values(CASES);
  const broken = render(fs.readFileSync(TEMPLATE, "utf8"), values).replace("kind: azure-vmss", "kind: azure-vmss-typo");
  const result = check(broken);
  assert.equal(result.status, 2, result.output);
  assert.match(result.output, /unknown discovery kind 'azure-vmss-typo'/);
});

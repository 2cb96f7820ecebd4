// The TLS files a module hands its VMs' cloud-init (local.tls_files) are exactly the files the
// rendered configuration names (the control plane's scalemesh.yaml, the gateway's Envoy bootstrap):
// cloud-init writes each for root only, the service's unit loads each as a systemd credential,
// and the configuration reads it from that unit's credentials folder. With TLS off there are none.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");
const { parse } = require("@cdktf/hcl2json");
const { render } = require("../src/template");
const { REPO } = require("./helpers");

const ROLES = [
  {
    module: "control-plane", unit: "scalemesh-control-plane.service", folder: "/etc/scalemesh/tls", config: "scalemesh.yaml.tftpl",
    tlsCase: "TLS for xDS and the console API, client certificates required", plaintextCase: "azure-vmss discovery",
  },
  {
    module: "envoy-gateway", unit: "envoy.service", folder: "/etc/envoy/tls", config: "envoy-bootstrap.yaml.tftpl",
    tlsCase: "TLS with a client certificate", plaintextCase: "control planes' load balancer, plaintext",
  },
];

function testCases(template) {
  return JSON.parse(fs.readFileSync(template.replace(/\.yaml\.tftpl$/, ".test.json"), "utf8"));
}

// The names in the module's `tls_files = merge(...)`, each the key of a "NAME" = PEM pair.
async function moduleTlsFiles(module) {
  const file = path.join(REPO, "terraform", "modules", module, "main.tf");
  const body = await parse(file, fs.readFileSync(file, "utf8"));
  const expression = body.locals.map((locals) => locals.tls_files).find(Boolean);
  return [...expression.matchAll(/"([\w.-]+)" =/g)].map((m) => m[1]).sort();
}

function credentialsNamed(text, unit) {
  return [...text.matchAll(/\/run\/credentials\/([\w.-]+)\/([\w.-]+)/g)].map(([, folder, name]) => {
    assert.equal(folder, unit, `${name} is read from another unit's credentials`);
    return name;
  }).sort();
}

function cloudConfig(role, tlsFiles) {
  const template = path.join(REPO, "cloud-init", role.module, "cloud-config.yaml.tftpl");
  const [values] = Object.values(testCases(template));
  return YAML.parse(render(fs.readFileSync(template, "utf8"), { ...values, tls_files: tlsFiles }));
}

for (const role of ROLES) {
  test(`${role.module}: the TLS files the configuration names are written for root only and loaded as credentials of ${role.unit}`, async () => {
    const names = await moduleTlsFiles(role.module);
    const configTemplate = path.join(REPO, "cloud-init", role.module, role.config);
    const cases = testCases(configTemplate);
    assert.deepEqual(credentialsNamed(render(fs.readFileSync(configTemplate, "utf8"), cases[role.tlsCase]), role.unit), names);
    assert.deepEqual(credentialsNamed(render(fs.readFileSync(configTemplate, "utf8"), cases[role.plaintextCase]), role.unit), []);

    const pems = Object.fromEntries(names.map((name) => [name, `-----BEGIN PEM OF ${name}-----\n`]));
    const withTls = cloudConfig(role, pems);
    const written = withTls.write_files.filter((f) => f.path.startsWith(`${role.folder}/`));
    assert.deepEqual(written.map((f) => [f.path, f.permissions, f.owner ?? "root:root (cloud-init's default)", Buffer.from(f.content, "base64").toString("utf8")]),
      names.map((name) => [`${role.folder}/${name}`, "0600", "root:root (cloud-init's default)", pems[name]]));
    const unit = withTls.write_files.find((f) => f.path === `/etc/systemd/system/${role.unit}`).content;
    assert.deepEqual(unit.match(/^LoadCredential=.*$/gm), names.map((name) => `LoadCredential=${name}:${role.folder}/${name}`));

    const plaintext = cloudConfig(role, {});
    assert.deepEqual(plaintext.write_files.filter((f) => f.path.startsWith(`${role.folder}/`)), []);
    assert.doesNotMatch(plaintext.write_files.find((f) => f.path === `/etc/systemd/system/${role.unit}`).content, /LoadCredential/);
  });
}

// Deliberately broken copies of a module, the environment and a template are rejected by the
// same checks that pass the repository, with the file and line of the problem.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { checkRepository } = require("../src/main");
const { brokenCopy, lines } = require("./helpers");

const BACKEND = "terraform/modules/backend-vmss/main.tf";
const ENVIRONMENT = "terraform/environments/dev/main.tf";
const BACKEND_TEMPLATE = "cloud-init/backend/cloud-config.yaml.tftpl";

async function findingsOf(edits) {
  const root = brokenCopy(edits);
  try {
    return lines((await checkRepository(root)).findings, root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

test("a module with an unknown argument is rejected", async () => {
  const found = await findingsOf([{ file: BACKEND, replace: '  upgrade_mode                    = "Manual"\n', with: '  upgrade_mode                    = "Manual"\n  upgrade_strategy                = "Rolling"\n' }]);
  assert.deepEqual(found, [`${BACKEND}:39: azurerm_linux_virtual_machine_scale_set.uniform: unknown argument or block "upgrade_strategy"`]);
});

test("a module missing a required argument is rejected", async () => {
  const found = await findingsOf([{ file: BACKEND, replace: "  sku                             = var.vm_size\n", with: "" }]);
  assert.deepEqual(found, [`${BACKEND}:26: azurerm_linux_virtual_machine_scale_set.uniform: missing required argument "sku"`]);
});

test("an unknown argument inside a nested block is rejected", async () => {
  const found = await findingsOf([{ file: BACKEND, replace: "    grace_period = var.repair_grace_period\n", with: "    grace_period = var.repair_grace_period\n    max_repairs  = 3\n" }]);
  assert.deepEqual(found, [`${BACKEND}:80: azurerm_linux_virtual_machine_scale_set.uniform.automatic_instance_repair: unknown argument or block "max_repairs"`]);
});

test("an unknown resource type is rejected", async () => {
  const found = await findingsOf([{ file: "terraform/modules/linux-vm/main.tf", replace: 'resource "azurerm_network_interface" "this"', with: 'resource "azurerm_network_interfaces" "this"' }]);
  assert.ok(found.some((f) => /main\.tf:\d+: azurerm_network_interfaces\.this: unknown resource type azurerm_network_interfaces in azurerm 4\.55\.0/.test(f)), found.join("\n"));
});

const ENTRA = "terraform/modules/entra-sign-in/main.tf";

test("azuread: an unknown argument, a block written as an argument, and an unknown resource type are rejected against azuread's schema", async () => {
  const found = await findingsOf([
    { file: ENTRA, replace: "  fallback_public_client_enabled = true\n", with: "  fallback_public_client_enabled = true\n  allow_public_client_flows      = true\n" },
    { file: ENTRA, replace: '  public_client {\n    redirect_uris = ["http://localhost"]\n  }\n', with: '  public_client = { redirect_uris = ["http://localhost"] }\n' },
    { file: ENTRA, replace: 'resource "azuread_service_principal" "console" {', with: 'resource "azuread_service_principals" "console" {' },
  ]);
  assert.deepEqual(found, [
    `${ENTRA}:94: azuread_application.console: unknown argument or block "allow_public_client_flows"`,
    `${ENTRA}:98: azuread_application.console: "public_client" is a block: write public_client { ... }, not public_client = ...`,
    `${ENTRA}:110: azuread_service_principals.console: unknown resource type azuread_service_principals in azuread 3.7.0`,
  ]);
});

test("azuread: a missing required argument, and a module using azuread without pinning it, are rejected", async () => {
  const found = await findingsOf([
    { file: ENTRA, replace: "  client_id = azuread_application.console.client_id\n  owners    = local.owners\n", with: "  owners = local.owners\n" },
    { file: "terraform/modules/entra-sign-in/versions.tf", replace: "    azuread = {", with: "    azuredd = {" },
  ]);
  assert.deepEqual(found.map((f) => f.replace(/module \S*entra-sign-in /, "module entra-sign-in ")), [
    `${ENTRA}:1: module entra-sign-in does not pin azuread in terraform { required_providers { ... } }`,
    `${ENTRA}:111: azuread_service_principal.console: missing required argument "client_id"`,
  ]);
});

test("an environment passing an undeclared module input, or reading a missing output, is rejected", async () => {
  const found = await findingsOf([
    { file: ENVIRONMENT, replace: "  instance_count       = var.gateway_count\n", with: "  instances            = var.gateway_count\n" },
    { file: "terraform/environments/dev/outputs.tf", replace: "module.backend.id", with: "module.backend.scale_set_id" },
  ]);
  assert.deepEqual(found, [
    `${ENVIRONMENT}:101: module "gateway": ../../modules/envoy-gateway declares no variable "instances"`,
    "terraform/environments/dev/outputs.tf:17: module.backend.scale_set_id: module \"backend\" (../../modules/backend-vmss) has no output \"scale_set_id\"",
  ]);
});

test("an environment that does not pass a required module input is rejected", async () => {
  const found = await findingsOf([{ file: ENVIRONMENT, replace: "  xds_host             = module.control_plane.xds_address\n", with: "" }]);
  assert.deepEqual(found, [`${ENVIRONMENT}:94: module "gateway": required input "xds_host" of ../../modules/envoy-gateway is not passed`]);
});

test("a file that terraform fmt would change is rejected", async () => {
  const found = await findingsOf([{ file: BACKEND, replace: "  zones                           = var.zones\n", with: "  zones = var.zones\n" }]);
  assert.deepEqual(found, [`${BACKEND}:34: not formatted as terraform fmt would: expected "  zones                           = var.zones"`]);
});

test("a file that does not parse is rejected with its line", async () => {
  const found = await findingsOf([{ file: BACKEND, replace: "  zones                           = var.zones\n", with: "  zones                           = \n" }]);
  assert.equal(found.length, 1, found.join("\n"));
  assert.match(found[0], /^terraform\/modules\/backend-vmss\/main\.tf:34: does not parse: Invalid expression/);
});

test("a template with a value of the wrong type is rejected by cloud-init schema", async () => {
  const found = await findingsOf([{ file: BACKEND_TEMPLATE, replace: "package_update: true", with: 'package_update: "yes"' }]);
  assert.deepEqual(found, [
    `${BACKEND_TEMPLATE}:4: [azure-vmss discovery] cloud-init schema: package_update: 'yes' is not of type 'boolean'`,
    `${BACKEND_TEMPLATE}:4: [consul agent] cloud-init schema: package_update: 'yes' is not of type 'boolean'`,
  ]);
});

test("a template using a variable that is not defined is rejected, in the render and in the module", async () => {
  const found = await findingsOf([{ file: "cloud-init/consul/cloud-config.yaml.tftpl", replace: "bootstrap_expect = 1", with: "bootstrap_expect = ${server_count}" }]);
  assert.deepEqual(found, [
    "terraform/modules/consul/main.tf:22: templatefile(../../../cloud-init/consul/cloud-config.yaml.tftpl): the template uses \"server_count\", which local.cloud_init_vars does not give",
    "cloud-init/consul/cloud-config.yaml.tftpl:21: [server] undefined template variable \"server_count\"",
  ]);
});

test("a module that does not give a template the collection it loops over is rejected, not the loop's own names", async () => {
  const found = await findingsOf([{ file: "terraform/modules/envoy-gateway/main.tf", replace: "    tls_files       = local.tls_files\n", with: "" }]);
  assert.deepEqual(found, [
    "terraform/modules/envoy-gateway/main.tf:29: templatefile(../../../cloud-init/envoy-gateway/cloud-config.yaml.tftpl): the template uses \"tls_files\", which local.cloud_init_vars does not give",
  ]);
});

test("a shell script in a template that bash cannot parse is rejected", async () => {
  const found = await findingsOf([{ file: BACKEND_TEMPLATE, replace: "      done\n\n  - path: /etc/systemd", with: "      \n\n  - path: /etc/systemd" }]);
  assert.equal(found.length, 2, found.join("\n"));
  assert.match(found[0], /cloud-config\.yaml\.tftpl:\d+: \[azure-vmss discovery\] \/usr\/local\/bin\/scalemesh-drain-agent: bash -n: .*syntax error/);
});

test("a systemd unit in a template that systemd-analyze rejects is rejected", async () => {
  const found = await findingsOf([{ file: "cloud-init/control-plane/cloud-config.yaml.tftpl", replace: "      ProtectSystem=strict\n", with: "      ProtectSystem=everything\n" }]);
  assert.equal(found.length, 2, found.join("\n"));
  assert.match(found[0], /control-plane\/cloud-config\.yaml\.tftpl:\d+: \[control plane\] \/etc\/systemd\/system\/scalemesh-control-plane\.service: systemd-analyze verify: .*protect system value/i);
  assert.match(found[1], /control-plane\/cloud-config\.yaml\.tftpl:\d+: \[control plane with TLS for xDS and the console API\] \/etc\/systemd\/system\/scalemesh-control-plane\.service: systemd-analyze verify: .*protect system value/i);
});

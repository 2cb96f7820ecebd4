// Control-plane replicas are one configuration on several VMs: they publish the same versions
// because they read the same sources with the same settings, so nothing a replica boots with may
// depend on which replica it is, and every replica is behind the xDS load balancer.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { parse } = require("@cdktf/hcl2json");
const { REPO } = require("./helpers");

const MODULE = path.join(REPO, "terraform", "modules", "control-plane");

async function parsed(file) {
  const full = path.join(MODULE, file);
  return parse(full, fs.readFileSync(full, "utf8"));
}

test("every control-plane replica boots the same cloud-init, and each is in the xDS load balancer's pool", async () => {
  const [vm] = (await parsed("main.tf")).module.vm;
  assert.equal(vm.count, "${var.replicas}");
  assert.match(vm.custom_data, /templatefile\(.*local\.cloud_init_vars\)/);
  assert.doesNotMatch(vm.custom_data, /count\.index/);

  const [pool] = (await parsed("load-balancer.tf")).resource.azurerm_network_interface_backend_address_pool_association.xds;
  assert.equal(pool.count, "${var.replicas}");
  assert.equal(pool.network_interface_id, "${module.vm[count.index].network_interface_id}");
});

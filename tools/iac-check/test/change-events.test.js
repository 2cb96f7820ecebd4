// Resource Manager's change events reach the control plane that needs them: the queue its
// configuration names is the queue the event subscription delivers to, the subscription's subject
// filter names the scale set and group the configuration discovers, each end has its data role on
// that queue and no wider, and the configuration names a queue exactly when the module makes one.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");
const { parse } = require("@cdktf/hcl2json");
const { render } = require("../src/template");
const { REPO } = require("./helpers");

const MODULE = path.join(REPO, "terraform", "modules", "control-plane");
const TEMPLATE = path.join(REPO, "cloud-init", "control-plane", "scalemesh.yaml.tftpl");
const QUEUE = "azurerm_storage_queue.change_events[0]";

async function parsed(file) {
  const full = path.join(MODULE, file);
  return parse(full, fs.readFileSync(full, "utf8"));
}

async function module() {
  const [main, events, role] = await Promise.all(["main.tf", "change-events.tf", "role.tf"].map(parsed));
  const local = (tf, name) => tf.locals.find((locals) => name in locals)[name];
  const resource = (tf, type, name) => tf.resource[type][name][0];
  return { main, events, role, local, resource };
}

test("the control plane reads the queue the event subscription delivers to, as the identity that may receive from it", async () => {
  const { main, events, local, resource } = await module();
  assert.equal(local(main, "config_vars").change_events_queue, `\${local.change_events ? ${QUEUE}.url : ""}`);
  assert.equal(local(main, "config_vars").change_events, "${local.change_events}");

  const queue = resource(events, "azurerm_storage_queue", "change_events");
  const [endpoint] = resource(events, "azurerm_eventgrid_system_topic_event_subscription", "scale_set").storage_queue_endpoint;
  assert.equal(endpoint.queue_name, `\${${QUEUE}.name}`);
  assert.equal(endpoint.storage_account_id, queue.storage_account_id);

  const reader = resource(events, "azurerm_role_assignment", "change_events_reader");
  assert.deepEqual([reader.scope, reader.role_definition_name, reader.principal_id],
    [`\${${QUEUE}.resource_manager_id}`, "Storage Queue Data Message Processor", "${azurerm_user_assigned_identity.this.principal_id}"]);
  const [vm] = main.module.vm;
  assert.deepEqual(vm.identity_ids, ["${azurerm_user_assigned_identity.this.id}"], "the replicas run as that identity");
  assert.equal(local(main, "config_vars").managed_identity_client_id, "${azurerm_user_assigned_identity.this.client_id}");
});

test("Event Grid writes to that queue as the topic's own identity, with nothing but the sender role", async () => {
  const { events, resource } = await module();
  const topic = resource(events, "azurerm_eventgrid_system_topic", "resource_group");
  const subscription = resource(events, "azurerm_eventgrid_system_topic_event_subscription", "scale_set");
  assert.equal(subscription.system_topic, "${azurerm_eventgrid_system_topic.resource_group[0].name}");
  assert.deepEqual(topic.identity, [{ type: "SystemAssigned" }]);
  assert.deepEqual(subscription.delivery_identity, [{ type: "SystemAssigned" }]);
  const sender = resource(events, "azurerm_role_assignment", "change_events_sender");
  assert.deepEqual([sender.scope, sender.role_definition_name, sender.principal_id],
    [`\${${QUEUE}.resource_manager_id}`, "Storage Queue Data Message Sender", "${azurerm_eventgrid_system_topic.resource_group[0].identity[0].principal_id}"]);
  assert.deepEqual(subscription.depends_on, ["${azurerm_role_assignment.change_events_sender}"]);
});

test("the topic is the discovered resource group's, and the subject filter names the discovered scale set", async () => {
  const { main, events, role, local, resource } = await module();
  const config = local(main, "config_vars");
  assert.deepEqual([config.resource_group, config.scale_set], ["${var.resource_group_name}", "${var.backend_scale_set_name}"]);
  assert.equal(role.data.azurerm_resource_group.this[0].name, "${var.resource_group_name}");

  const topic = resource(events, "azurerm_eventgrid_system_topic", "resource_group");
  assert.deepEqual([topic.source_resource_id, topic.topic_type], ["${data.azurerm_resource_group.this.id}", "Microsoft.Resources.ResourceGroups"]);
  const [filter] = resource(events, "azurerm_eventgrid_system_topic_event_subscription", "scale_set").advanced_filter;
  assert.deepEqual(filter.string_begins_with, [{ key: "subject", values: "${local.change_event_subjects}" }]);
  assert.deepEqual(local(events, "change_event_subjects"), [
    "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachineScaleSets/${var.backend_scale_set_name}",
    "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachines/",
  ]);
});

test("the queue's account takes Entra ID over TLS 1.2 only, and shows no blob to the public", async () => {
  const { events, resource } = await module();
  const account = resource(events, "azurerm_storage_account", "change_events");
  assert.deepEqual(
    [account.min_tls_version, account.https_traffic_only_enabled, account.shared_access_key_enabled, account.allow_nested_items_to_be_public],
    ["TLS1_2", true, false, false]);
  assert.equal(resource(events, "azurerm_storage_queue", "change_events").storage_account_id, "${azurerm_storage_account.change_events[0].id}");
});

test("every change-event resource exists exactly when the configuration names a queue", async () => {
  const { events } = await module();
  for (const [type, instances] of Object.entries(events.resource)) {
    for (const [name, [body]] of Object.entries(instances)) assert.equal(body.count, "${local.change_events ? 1 : 0}", `${type}.${name}`);
  }
  const cases = JSON.parse(fs.readFileSync(TEMPLATE.replace(/\.yaml\.tftpl$/, ".test.json"), "utf8"));
  for (const [name, values] of Object.entries(cases)) {
    const azure = YAML.parse(render(fs.readFileSync(TEMPLATE, "utf8"), values)).azure;
    assert.deepEqual(azure.change_events, values.change_events ? { queue: values.change_events_queue } : undefined, name);
  }
});

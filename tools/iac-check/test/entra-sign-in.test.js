// Sign-in with Microsoft Entra ID, as the Terraform wires it (no tenant and no azuread provider
// binary here, so these read the modules' HCL; the schema of each azuread resource is checked by
// repository.test.js): the app roles registered are the ones the control plane's configuration
// maps by default, the console asks for the API's own scope and may without consent, it is a
// public client with the loopback redirect and device code, only assigned people get tokens,
// the control plane's configuration names that tenant and the API's audiences exactly when
// entra_sign_in is on, and it is off by default.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");
const { parse } = require("@cdktf/hcl2json");
const { render } = require("../src/template");
const { REPO } = require("./helpers");

const MODULE = path.join(REPO, "terraform", "modules", "entra-sign-in");
const ENVIRONMENT = path.join(REPO, "terraform", "environments", "dev");
const CONTROL_PLANE = path.join(REPO, "terraform", "modules", "control-plane");
const TEMPLATE = path.join(REPO, "cloud-init", "control-plane", "scalemesh.yaml.tftpl");
const DEFAULTS = path.join(REPO, "control-plane", "src", "main", "resources", "io", "scalemesh", "controlplane", "config", "defaults.yaml");

async function parsed(dir, file) {
  const full = path.join(dir, file);
  return parse(full, fs.readFileSync(full, "utf8"));
}

async function entra() {
  const [main, outputs, variables] = await Promise.all(["main.tf", "outputs.tf", "variables.tf"].map((f) => parsed(MODULE, f)));
  const locals = Object.assign({}, ...main.locals);
  const resource = (type, name) => main.resource[type][name][0];
  const output = (name) => outputs.output[name][0].value;
  return { main, locals, resource, output, variables };
}

test("the API's app roles are the ones the control plane maps to viewer and operator by default, for users and groups", async () => {
  const { locals, resource, output } = await entra();
  const defaults = YAML.parse(fs.readFileSync(DEFAULTS, "utf8")).console_api.oidc.roles;
  assert.deepEqual(defaults, { viewer: "Scalemesh.Viewer", operator: "Scalemesh.Operator" });
  const roles = resource("azuread_application", "api").app_role;
  assert.deepEqual(roles.map((r) => [r.value, r.id]), [
    ["${local.viewer_role}", "${local.viewer_role_id}"],
    ["${local.operator_role}", "${local.operator_role_id}"],
  ]);
  assert.deepEqual([locals.viewer_role, locals.operator_role], [defaults.viewer, defaults.operator]);
  for (const role of roles) {
    assert.ok(role.allowed_member_types.includes("User"), `${role.value} is for users (and groups)`);
    assert.equal(role.enabled, true);
  }
  assert.deepEqual(output("roles"), { viewer: "${local.viewer_role}", operator: "${local.operator_role}" });
});

test("the role and scope ids are fixed, derived from distinct names, so an apply never changes them", async () => {
  const { locals } = await entra();
  const ids = ["viewer_role_id", "operator_role_id", "scope_id"].map((name) => locals[name]);
  for (const id of ids) assert.match(id, /^\$\{uuidv5\("url", "https:\/\/scalemesh\.invalid\/[a-z-]+\/\$\{local\.(viewer_role|operator_role|scope)\}"\)\}$/);
  assert.equal(new Set(ids).size, ids.length);
  assert.doesNotMatch(ids.join(" "), /uuid\(\)|random/, "no id that changes on every plan");
});

test("the API issues v2.0 tokens to this tenant's people only, and only to those assigned a role", async () => {
  const { resource } = await entra();
  const api = resource("azuread_application", "api");
  assert.equal(api.sign_in_audience, "AzureADMyOrg");
  assert.equal(api.api[0].requested_access_token_version, 2);
  const [scope] = api.api[0].oauth2_permission_scope;
  assert.deepEqual([scope.id, scope.value, scope.type, scope.enabled], ["${local.scope_id}", "${local.scope}", "User", true]);

  const principal = resource("azuread_service_principal", "api");
  assert.equal(principal.client_id, "${azuread_application.api.client_id}");
  assert.equal(principal.app_role_assignment_required, true);
  for (const [role, people] of [["operator", "operators"], ["viewer", "viewers"]]) {
    const assignment = resource("azuread_app_role_assignment", role);
    assert.deepEqual([assignment.for_each, assignment.app_role_id, assignment.principal_object_id, assignment.resource_object_id],
      [`\${toset(var.${people})}`, `\${local.${role}_role_id}`, "${each.value}", "${azuread_service_principal.api.object_id}"]);
  }
});

test("the console is a public client with the loopback redirect and device code, asking for the API's scope, pre-authorized", async () => {
  const { main, locals, resource, output } = await entra();
  const console_ = resource("azuread_application", "console");
  assert.equal(console_.sign_in_audience, "AzureADMyOrg");
  assert.equal(console_.fallback_public_client_enabled, true, "public client flows: device code");
  assert.deepEqual(console_.public_client, [{ redirect_uris: ["http://localhost"] }]);
  assert.equal(console_.web, undefined, "no web platform: the console has no secret");
  assert.equal(console_.password, undefined);
  for (const type of ["azuread_application_password", "azuread_application_certificate", "azuread_service_principal_password"]) {
    assert.equal(main.resource[type], undefined, `no ${type}: the console is a public client`);
  }
  assert.deepEqual(console_.required_resource_access, [{
    resource_app_id: "${azuread_application.api.client_id}",
    resource_access: [{ id: "${local.scope_id}", type: "Scope" }],
  }]);
  const preAuthorized = resource("azuread_application_pre_authorized", "console");
  assert.deepEqual([preAuthorized.application_id, preAuthorized.authorized_client_id, preAuthorized.permission_ids],
    ["${azuread_application.api.id}", "${azuread_application.console.client_id}", ["${local.scope_id}"]]);
  assert.equal(resource("azuread_service_principal", "console").client_id, "${azuread_application.console.client_id}");

  assert.equal(locals.scope, "Console.Use");
  assert.equal(output("console_scope"), "${azuread_application_identifier_uri.api.identifier_uri}/${local.scope}");
  assert.equal(output("console_client_id"), "${azuread_application.console.client_id}");
  // The console's authority is Entra's, the issuer base OidcConfig derives from a tenant.
  assert.equal(output("authority"), "https://login.microsoftonline.com/${data.azuread_client_config.current.tenant_id}");
});

test("the audiences are the API's client id (v2.0 tokens) and its Application ID URI (v1.0), which the console's scope names", async () => {
  const { locals, resource, output } = await entra();
  assert.deepEqual(output("audiences"), ["${azuread_application.api.client_id}", "${azuread_application_identifier_uri.api.identifier_uri}"]);
  assert.equal(output("tenant_id"), "${data.azuread_client_config.current.tenant_id}");
  const uri = resource("azuread_application_identifier_uri", "api");
  assert.deepEqual([uri.application_id, uri.identifier_uri], ["${azuread_application.api.id}", "${local.identifier_uri}"]);
  assert.equal(locals.identifier_uri, '${coalesce(var.identifier_uri, "api://${azuread_application.api.client_id}")}');
  // The URI is managed by its own resource only; the application would otherwise remove it.
  const [lifecycle] = resource("azuread_application", "api").lifecycle;
  assert.match(JSON.stringify(lifecycle.ignore_changes), /identifier_uris/);
});

test("entra_sign_in is off by default; on, the control plane's oidc names the module's tenant and audiences", async () => {
  const [main, variables] = await Promise.all(["main.tf", "variables.tf"].map((f) => parsed(ENVIRONMENT, f)));
  assert.equal(variables.variable.entra_sign_in[0].default, false);
  const [call] = main.module.entra_sign_in;
  assert.deepEqual([call.source, call.count], ["../../modules/entra-sign-in", "${var.entra_sign_in ? 1 : 0}"]);
  assert.equal(main.module.control_plane[0].console_api_oidc,
    "${var.entra_sign_in ? { tenant = module.entra_sign_in[0].tenant_id, audiences = module.entra_sign_in[0].audiences } : null}");

  const cpMain = await parsed(CONTROL_PLANE, "main.tf");
  const config = Object.assign({}, ...cpMain.locals).config_vars;
  assert.deepEqual([config.console_api_oidc, config.oidc_tenant, config.oidc_audiences],
    ["${var.console_api_oidc != null}", '${try(var.console_api_oidc.tenant, "")}', "${try(var.console_api_oidc.audiences, [])}"]);
});

test("the rendered configuration has console_api.oidc with that tenant and those audiences exactly when it is on, and no roles of its own", () => {
  const cases = JSON.parse(fs.readFileSync(TEMPLATE.replace(/\.yaml\.tftpl$/, ".test.json"), "utf8"));
  assert.ok(Object.values(cases).some((values) => values.console_api_oidc), "a test case with sign-in");
  assert.ok(Object.values(cases).some((values) => !values.console_api_oidc), "a test case without");
  for (const [name, values] of Object.entries(cases)) {
    const consoleApi = YAML.parse(render(fs.readFileSync(TEMPLATE, "utf8"), values)).console_api;
    assert.deepEqual(consoleApi.oidc, values.console_api_oidc ? { tenant: values.oidc_tenant, audiences: values.oidc_audiences } : undefined, name);
    assert.ok(consoleApi.tokens.length > 0, `${name}: static tokens still configured`);
  }
});

// The repository's own Terraform and cloud-init pass every check.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { checkRepository } = require("../src/main");
const { REPO, lines } = require("./helpers");

test("terraform/ and cloud-init/ pass every check (schema, wiring, fmt, templates, cloud-init schema)", async () => {
  const { findings, summary } = await checkRepository(REPO);
  assert.deepEqual(lines(findings, REPO), [], summary);
  assert.match(summary, /[1-9]\d* \.tf files in [1-9]\d* modules \(azurerm 4\.55\.0, azuread 3\.7\.0\); [1-9]\d* templates/);
});

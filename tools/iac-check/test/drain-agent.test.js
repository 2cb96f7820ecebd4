// The backend's drain agent, taken from the rendered cloud-config and run against a stand-in for
// the instance metadata service on 127.0.0.1: it drains and approves only its own VM's Terminate
// event, and only after requests stopped arriving.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const YAML = require("yaml");
const { render } = require("../src/template");
const { REPO } = require("./helpers");

const TEMPLATE = path.join(REPO, "cloud-init", "backend", "cloud-config.yaml.tftpl");
const VALUES = require(path.join(REPO, "cloud-init", "backend", "cloud-config.test.json"));

function drainAgentScript() {
  const config = YAML.parse(render(fs.readFileSync(TEMPLATE, "utf8"), VALUES["azure-vmss discovery"]));
  return config.write_files.find((f) => f.path === "/usr/local/bin/scalemesh-drain-agent").content;
}

// Answers the two IMDS calls the agent makes and records its approvals.
function fakeImds(vmName, events) {
  const approvals = [];
  const server = http.createServer((req, res) => {
    assert.equal(req.headers.metadata, "true");
    if (req.url.startsWith("/metadata/instance/compute/name")) return res.end(vmName);
    let body = "";
    req.on("data", (chunk) => { body += chunk; });
    req.on("end", () => {
      if (req.method === "POST") approvals.push({ at: Date.now(), body: JSON.parse(body) });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ DocumentIncarnation: 1, Events: events }));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, approvals, url: `http://127.0.0.1:${server.address().port}` })));
}

test("on its VM's Terminate event the drain agent fails /healthz, waits for quiet, then approves", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "drain-agent-"));
  const script = path.join(dir, "scalemesh-drain-agent");
  fs.writeFileSync(script, drainAgentScript(), { mode: 0o755 });
  const trafficLog = path.join(dir, "traffic.log");
  const drainFlag = path.join(dir, "run", "draining");
  const imds = await fakeImds("backend_3", [
    { EventId: "other-vm", EventType: "Terminate", Resources: ["backend_7"] },
    { EventId: "reboot", EventType: "Reboot", Resources: ["backend_3"] },
    { EventId: "ours", EventType: "Terminate", Resources: ["backend_3"] },
  ]);
  const agent = spawn(script, [], {
    env: { ...process.env, IMDS_URL: imds.url, DRAIN_FLAG: drainFlag, TRAFFIC_LOG: trafficLog, QUIET_SECONDS: "2", POLL_SECONDS: "0.2" },
    stdio: "ignore",
  });
  t.after(() => { agent.kill(); imds.server.close(); fs.rmSync(dir, { recursive: true, force: true }); });

  // Requests keep arriving for a while after the event: the agent must wait them out.
  let lastRequest = Date.now();
  for (let i = 0; i < 10; i++) {
    fs.appendFileSync(trafficLog, `request ${i}\n`);
    lastRequest = Date.now();
    await new Promise((r) => setTimeout(r, 200));
  }
  const deadline = Date.now() + 15_000;
  while (imds.approvals.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));

  await new Promise((r) => setTimeout(r, 2500)); // another quiet period: no second approval
  assert.ok(fs.existsSync(drainFlag), "the drain flag that fails /healthz was not created");
  assert.deepEqual(imds.approvals.map((a) => a.body), [{ StartRequests: [{ EventId: "ours" }] }]);
  assert.ok(imds.approvals[0].at - lastRequest >= 1900, `approved ${imds.approvals[0].at - lastRequest} ms after the last request, before 2 s of quiet`);
});

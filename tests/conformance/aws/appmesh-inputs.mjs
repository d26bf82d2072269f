// Usage: node appmesh-inputs.mjs <dir-or-file>...
//
// For every rendered App Mesh Create input (*.json, as written by `meshfed render --target appmesh`), hands
// the same input to the official AWS SDK (@aws-sdk/client-app-mesh) pointed at a loopback capture server,
// and compares what the SDK sends with the input: method, path (mesh and router names as URL labels) and
// JSON body (everything else). The SDK's serializer knows every member of the App Mesh model and silently
// drops what it does not know, so a misspelled or misplaced member shows up as a difference.
// Exit: 0 all equal, 1 differences, 2 usage.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { startCapture, sorted } from "../common/capture.mjs";
import { join } from "node:path";
import * as appmesh from "@aws-sdk/client-app-mesh";

const kinds = {
  virtualNodeName: ["CreateVirtualNodeCommand", "virtualNodes"],
  virtualRouterName: null, // decided below: a route also carries virtualRouterName
  routeName: ["CreateRouteCommand", "routes"],
  virtualServiceName: ["CreateVirtualServiceCommand", "virtualServices"],
  virtualGatewayName: ["CreateVirtualGatewayCommand", "virtualGateways"],
  gatewayRouteName: ["CreateGatewayRouteCommand", "gatewayRoutes"],
};

function operationOf(input) {
  if ("routeName" in input) return { command: "CreateRouteCommand", path: `/v20190125/meshes/${input.meshName}/virtualRouter/${input.virtualRouterName}/routes`, labels: ["meshName", "virtualRouterName"] };
  if ("gatewayRouteName" in input) return { command: "CreateGatewayRouteCommand", path: `/v20190125/meshes/${input.meshName}/virtualGateway/${input.virtualGatewayName}/gatewayRoutes`, labels: ["meshName", "virtualGatewayName"] };
  for (const [member, op] of Object.entries(kinds)) {
    if (op && member in input) return { command: op[0], path: `/v20190125/meshes/${input.meshName}/${op[1]}`, labels: ["meshName"] };
  }
  if ("virtualRouterName" in input) return { command: "CreateVirtualRouterCommand", path: `/v20190125/meshes/${input.meshName}/virtualRouters`, labels: ["meshName"] };
  return { command: "CreateMeshCommand", path: `/v20190125/meshes`, labels: [] };
}

function files(paths) {
  const out = [];
  for (const p of paths) {
    if (!existsSync(p)) { console.error(`no such path: ${p}`); process.exit(2); }
    if (statSync(p).isDirectory()) out.push(...files(readdirSync(p).sort().map(f => join(p, f))));
    else if (p.endsWith(".json")) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
if (args.length === 0) { console.error("usage: node appmesh-inputs.mjs <dir-or-file>..."); process.exit(2); }
const inputs = files(args);
if (inputs.length === 0) { console.error("no *.json inputs found"); process.exit(1); }

const capture = await startCapture();
const client = new appmesh.AppMeshClient({
  region: "us-east-1",
  endpoint: capture.endpoint,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
  maxAttempts: 1,
});

let problems = 0;
for (const file of inputs) {
  const input = JSON.parse(readFileSync(file, "utf8"));
  const op = operationOf(input);
  capture.last = undefined;
  try {
    await client.send(new appmesh[op.command](structuredClone(input)));
  } catch (e) {
    // The capture server answers {}; output parsing may complain, the request was sent all the same.
  }
  const captured = capture.last;
  if (!captured) { console.log(`${file}: ${op.command}: the SDK sent nothing (it rejected the input)`); problems++; continue; }
  const url = new URL(captured.url, "http://x");
  const expectedPath = op.path.split("/").map(encodeURIComponent).join("/").replace(/%2F/g, "/");
  if (captured.method !== "PUT") { console.log(`${file}: method ${captured.method}, expected PUT`); problems++; }
  if (url.pathname !== expectedPath) { console.log(`${file}: path ${url.pathname}, expected ${expectedPath}`); problems++; }
  const sent = JSON.parse(captured.body || "{}");
  delete sent.clientToken; // the SDK fills the idempotency token itself
  const expected = Object.fromEntries(Object.entries(input).filter(([k]) => !op.labels.includes(k)));
  const a = JSON.stringify(sorted(sent)), b = JSON.stringify(sorted(expected));
  if (a !== b) {
    console.log(`${file}: ${op.command}: the SDK sends a different body\n  sent:     ${a}\n  rendered: ${b}`);
    problems++;
  }
}
capture.close();
console.log(`checked ${inputs.length} inputs, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);

// Usage: node requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateServiceCommand", "input": {...} }, ...]. Sends each call with the official AWS
// SDK (@aws-sdk/client-vpc-lattice) to a loopback capture server and prints, as a JSON array, what the SDK sent for
// each: { method, path (percent-encoding kept), query: {k: v}, body, scope } where scope is the SigV4 credential
// scope of its Authorization header (region/service/aws4_request). The capture server answers every call with {}
// (an empty page for lists), so the SDK never paginates by itself.
import { createServer } from "node:http";
import * as lattice from "@aws-sdk/client-vpc-lattice";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calls = JSON.parse(Buffer.concat(chunks).toString("utf8"));

let captured;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", c => (body += c));
  req.on("end", () => {
    const url = new URL(req.url, "http://x");
    const scope = /Credential=[^/]+\/\d{8}\/([^,]+),/.exec(req.headers.authorization ?? "")?.[1] ?? null;
    captured = { method: req.method, path: req.url.split("?")[0], query: Object.fromEntries(url.searchParams), body: body ? JSON.parse(body) : null, scope };
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});
await new Promise(r => server.listen(0, "127.0.0.1", r));
const client = new lattice.VPCLatticeClient({
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${server.address().port}`,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});
const out = [];
for (const call of calls) {
  captured = undefined;
  if (!lattice[call.command]) throw new Error(`no such command: ${call.command}`);
  try { await client.send(new lattice[call.command](call.input)); } catch { /* the answer is {}; the request is what matters */ }
  out.push(captured ?? null);
}
server.close();
console.log(JSON.stringify(out));

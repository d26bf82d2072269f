// Usage: node appmesh-requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateVirtualNodeCommand", "input": {...} }, ...]. Sends each call with the
// official AWS SDK (@aws-sdk/client-app-mesh) to a loopback capture server and prints, as a JSON array, what
// the SDK sent for each: { method, path, query: {k: v}, body }. The capture server answers every list call
// with an empty page, so the SDK never paginates by itself.
import { createServer } from "node:http";
import * as appmesh from "@aws-sdk/client-app-mesh";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const calls = JSON.parse(Buffer.concat(chunks).toString("utf8"));

let captured;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", c => (body += c));
  req.on("end", () => {
    const url = new URL(req.url, "http://x");
    captured = { method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: body ? JSON.parse(body) : null };
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{}");
  });
});
await new Promise(r => server.listen(0, "127.0.0.1", r));
const client = new appmesh.AppMeshClient({
  region: "us-east-1",
  endpoint: `http://127.0.0.1:${server.address().port}`,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});
const out = [];
for (const call of calls) {
  captured = undefined;
  try { await client.send(new appmesh[call.command](call.input)); } catch { /* the answer is {}; the request is what matters */ }
  out.push(captured ?? null);
}
server.close();
console.log(JSON.stringify(out));

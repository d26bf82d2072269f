// Usage: node appmesh-requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateVirtualNodeCommand", "input": {...} }, ...]. Sends each call with the
// official AWS SDK (@aws-sdk/client-app-mesh) to a loopback capture server and prints, as a JSON array, what
// the SDK sent for each: { method, path, query: {k: v}, body }. The capture server answers every list call
// with an empty page, so the SDK never paginates by itself.
import { startCapture } from "../common/capture.mjs";
import * as appmesh from "@aws-sdk/client-app-mesh";
import { fileURLToPath } from "node:url";

/** What the SDK sends for each call, as the command line prints it: {exit, stdout, stderr}. */
export async function appMeshRequests(calls) {
  const capture = await startCapture();
  const client = new appmesh.AppMeshClient({
    region: "us-east-1",
    endpoint: capture.endpoint,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  try {
    const out = [];
    for (const call of calls) {
      capture.last = undefined;
      try { await client.send(new appmesh[call.command](call.input)); } catch { /* the answer is {}; the request is what matters */ }
      const sent = capture.last;
      const url = sent && new URL(sent.url, "http://x");
      out.push(sent ? { method: sent.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: sent.body ? JSON.parse(sent.body) : null } : null);
    }
    return { exit: 0, stdout: `${JSON.stringify(out)}\n`, stderr: "" };
  } finally {
    capture.close(); // the server answers many runs: no capture may stay open
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { exit, stdout, stderr } = await appMeshRequests(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = exit;
}

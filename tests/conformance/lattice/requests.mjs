// Usage: node requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateServiceCommand", "input": {...} }, ...]. Sends each call with the official AWS
// SDK (@aws-sdk/client-vpc-lattice) to a loopback capture server and prints, as a JSON array, what the SDK sent for
// each: { method, path (percent-encoding kept), query: {k: v}, body, scope } where scope is the SigV4 credential
// scope of its Authorization header (region/service/aws4_request). The capture server answers every call with {}
// (an empty page for lists), so the SDK never paginates by itself.
import { startCapture } from "../common/capture.mjs";
import * as lattice from "@aws-sdk/client-vpc-lattice";
import { fileURLToPath } from "node:url";

/** What the SDK sends for each call, as the command line prints it: {exit, stdout, stderr}. */
export async function latticeRequests(calls) {
  const capture = await startCapture();
  const client = new lattice.VPCLatticeClient({
    region: "us-east-1",
    endpoint: capture.endpoint,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    maxAttempts: 1,
  });
  try {
    const out = [];
    for (const call of calls) {
      capture.last = undefined;
      if (!lattice[call.command]) throw new Error(`no such command: ${call.command}`);
      try { await client.send(new lattice[call.command](call.input)); } catch { /* the answer is {}; the request is what matters */ }
      const sent = capture.last;
      const url = sent && new URL(sent.url, "http://x");
      const scope = sent && (/Credential=[^/]+\/\d{8}\/([^,]+),/.exec(sent.headers.authorization ?? "")?.[1] ?? null);
      out.push(sent ? { method: sent.method, path: sent.url.split("?")[0], query: Object.fromEntries(url.searchParams), body: sent.body ? JSON.parse(sent.body) : null, scope } : null);
    }
    return { exit: 0, stdout: `${JSON.stringify(out)}\n`, stderr: "" };
  } finally {
    capture.close(); // the server answers many runs: no capture may stay open
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { exit, stdout, stderr } = await latticeRequests(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = exit;
}

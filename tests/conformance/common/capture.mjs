// What the conformance scripts share (no npm package: each folder brings its own SDK). A loopback server that
// records the last request an official SDK client sent and answers it with `{}` (a success body every
// operation accepts, and an empty page for list calls, so the SDK never paginates by itself); and a key-sorted
// copy of a JSON value, so two bodies compare whatever their member order.
import { createServer } from "node:http";

/** Starts the capture server; `last` is the last request ({ method, url, headers, body as text }), `endpoint` its URL. */
export async function startCapture() {
  const capture = { last: undefined, endpoint: "", close: () => {} };
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", c => (body += c));
    req.on("end", () => {
      capture.last = { method: req.method, url: req.url, headers: req.headers, body };
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise(r => server.listen(0, "127.0.0.1", r));
  capture.endpoint = `http://127.0.0.1:${server.address().port}`;
  capture.close = () => server.close();
  return capture;
}

/**
 * The configuration of an official AWS SDK client that talks to `endpoint` (a capture server) once per call, with
 * fixed example credentials, so what it signs and sends depends on the call alone.
 */
export function awsClientConfig(endpoint) {
  return { region: "us-east-1", endpoint, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, maxAttempts: 1 };
}

/** A copy of `value` with every object's members in key order. */
export function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map(k => [k, sorted(value[k])]));
  return value;
}

/**
 * Sends each call ({ command, input }) with the client `makeClient(endpoint)` builds against a capture server, and
 * returns what the command line prints ({ exit, stdout, stderr }): a JSON array with `describe(sent, url)` for each
 * call, or null where the SDK sent nothing. `commands` is the SDK module, so an unknown command name is an error.
 */
export async function capturedRequests(makeClient, commands, calls, describe) {
  const capture = await startCapture();
  const client = makeClient(capture.endpoint);
  try {
    const out = [];
    for (const call of calls) {
      capture.last = undefined;
      if (!commands[call.command]) throw new Error(`no such command: ${call.command}`);
      try { await client.send(new commands[call.command](call.input)); } catch { /* the answer is {}; the request is what matters */ }
      const sent = capture.last;
      out.push(sent ? describe(sent, new URL(sent.url, "http://x")) : null);
    }
    return { exit: 0, stdout: `${JSON.stringify(out)}\n`, stderr: "" };
  } finally {
    capture.close(); // the server answers many runs: no capture may stay open
  }
}

/** Runs `run(parsed stdin)` as a command line: prints its stdout and stderr and exits with its code. */
export async function runOnStdin(run) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const { exit, stdout, stderr } = await run(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = exit;
}

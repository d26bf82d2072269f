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

/** A copy of `value` with every object's members in key order. */
export function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map(k => [k, sorted(value[k])]));
  return value;
}

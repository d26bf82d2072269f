// Usage: node requests.mjs < calls.json
//
// calls.json: [{ "api": "cloudwatch" | "xray" | "monitoring" | "cloudtrace", "input": {...} }, ...]. Sends each
// call with the vendor's own client to a loopback capture server and prints, as a JSON array, what the client
// sent: { method, path, query, headers: {content-type, content-encoding, x-amz-target, x-amzn-query-mode,
// authorization-scheme}, body (gunzipped, parsed) }.
//   cloudwatch: input is PutMetricData's input with Timestamp in epoch seconds (@aws-sdk/client-cloudwatch);
//               with "command": "GetMetricData" or "ListMetrics", that operation's input (StartTime/EndTime in epoch seconds)
//   xray:       input is PutTraceSegments' input (@aws-sdk/client-xray)
//   monitoring: input is { name, timeSeries } for createTimeSeries (@google-cloud/monitoring, REST fallback)
//   cloudtrace: input is { name, requestBody } for projects.traces.batchWrite (@googleapis/cloudtrace)
import { createServer } from "node:http";
import { gunzipSync } from "node:zlib";
import { CloudWatchClient, PutMetricDataCommand, GetMetricDataCommand, ListMetricsCommand } from "@aws-sdk/client-cloudwatch";
import { XRayClient, PutTraceSegmentsCommand } from "@aws-sdk/client-xray";
import monitoring from "@google-cloud/monitoring";
import { cloudtrace } from "@googleapis/cloudtrace";
import { GoogleAuth, OAuth2Client } from "google-auth-library";
import { fileURLToPath } from "node:url";
import { awsClientConfig, runOnStdin } from "../common/capture.mjs";

// The Node client takes protobuf objects, not proto3 JSON: timestamps become { seconds, nanos }.
function toProtoObject(value, key) {
  if (typeof value === "string" && (key === "startTime" || key === "endTime")) {
    const m = /^(.*?)(?:\.(\d{1,9}))?Z$/.exec(value);
    return { seconds: String(Date.parse(m[1] + "Z") / 1000), nanos: Number((m[2] ?? "").padEnd(9, "0")) };
  }
  if (Array.isArray(value)) return value.map(v => toProtoObject(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toProtoObject(v, k)]));
  return value;
}

/** What each vendor client sends for each call, as the command line prints it: {exit, stdout, stderr}. */
export async function officialRequests(calls) {
  let stderr = "";
  let captured;
  const server = createServer((req, res) => {
    const parts = [];
    req.on("data", c => parts.push(c));
    req.on("end", () => {
      let raw = Buffer.concat(parts);
      if (req.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      const url = new URL(req.url, "http://x");
      captured = {
        method: req.method,
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        headers: {
          "content-type": req.headers["content-type"] ?? null,
          "content-encoding": req.headers["content-encoding"] ?? null,
          "x-amz-target": req.headers["x-amz-target"] ?? null,
          "x-amzn-query-mode": req.headers["x-amzn-query-mode"] ?? null,
          "authorization-scheme": (req.headers["authorization"] ?? "").split(" ")[0] || null,
        },
        body: raw.length ? JSON.parse(raw.toString("utf8")) : null,
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise(r => server.listen(0, "127.0.0.1", r));
  const port = server.address().port;
  const endpoint = `http://127.0.0.1:${port}`;
  const aws = awsClientConfig(endpoint);
  const oauth = new OAuth2Client();
  oauth.setCredentials({ access_token: "test-token", expiry_date: Date.now() + 3600_000 });
  const auth = new GoogleAuth({ authClient: oauth });

  const out = [];
  for (const call of calls) {
    captured = undefined;
    try {
      if (call.api === "cloudwatch") {
        const input = structuredClone(call.input);
        for (const d of input.MetricData ?? []) if (typeof d.Timestamp === "number") d.Timestamp = new Date(d.Timestamp * 1000);
        for (const key of ["StartTime", "EndTime"]) if (typeof input[key] === "number") input[key] = new Date(input[key] * 1000);
        const command = { GetMetricData: GetMetricDataCommand, ListMetrics: ListMetricsCommand }[call.command] ?? PutMetricDataCommand;
        await new CloudWatchClient(aws).send(new command(input));
      } else if (call.api === "xray") {
        await new XRayClient(aws).send(new PutTraceSegmentsCommand(call.input));
      } else if (call.api === "monitoring") {
        const client = new monitoring.MetricServiceClient({ fallback: true, apiEndpoint: "127.0.0.1", port, protocol: "http", auth });
        await client.createTimeSeries(toProtoObject(call.input));
        await client.close();
      } else if (call.api === "cloudtrace") {
        const client = cloudtrace({ version: "v2", rootUrl: `${endpoint}/`, auth: oauth });
        await client.projects.traces.batchWrite(call.input);
      }
    } catch (e) {
      if (!captured) stderr += `${call.api}: ${e.stack}\n`;
    }
    out.push(captured ?? null);
  }
  server.close();
  return { exit: 0, stdout: `${JSON.stringify(out)}\n`, stderr };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runOnStdin(officialRequests);

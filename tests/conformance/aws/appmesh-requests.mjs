// Usage: node appmesh-requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateVirtualNodeCommand", "input": {...} }, ...]. Sends each call with the
// official AWS SDK (@aws-sdk/client-app-mesh) to a loopback capture server and prints, as a JSON array, what
// the SDK sent for each: { method, path, query: {k: v}, body }. The capture server answers every list call
// with an empty page, so the SDK never paginates by itself.
import { awsClientConfig, capturedRequests, runOnStdin } from "../common/capture.mjs";
import * as appmesh from "@aws-sdk/client-app-mesh";
import { fileURLToPath } from "node:url";

/** What the SDK sends for each call, as the command line prints it: {exit, stdout, stderr}. */
export function appMeshRequests(calls) {
  return capturedRequests(
    endpoint => new appmesh.AppMeshClient(awsClientConfig(endpoint)),
    appmesh, calls, (sent, url) => ({ method: sent.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body: sent.body ? JSON.parse(sent.body) : null }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runOnStdin(appMeshRequests);

// Usage: node requests.mjs < calls.json
//
// calls.json: [{ "command": "CreateServiceCommand", "input": {...} }, ...]. Sends each call with the official AWS
// SDK (@aws-sdk/client-vpc-lattice) to a loopback capture server and prints, as a JSON array, what the SDK sent for
// each: { method, path (percent-encoding kept), query: {k: v}, body, scope } where scope is the SigV4 credential
// scope of its Authorization header (region/service/aws4_request). The capture server answers every call with {}
// (an empty page for lists), so the SDK never paginates by itself.
import { awsClientConfig, capturedRequests, runOnStdin } from "../common/capture.mjs";
import * as lattice from "@aws-sdk/client-vpc-lattice";
import { fileURLToPath } from "node:url";

/** What the SDK sends for each call, as the command line prints it: {exit, stdout, stderr}. */
export function latticeRequests(calls) {
  return capturedRequests(
    endpoint => new lattice.VPCLatticeClient(awsClientConfig(endpoint)),
    lattice, calls, (sent, url) => ({
      method: sent.method,
      path: sent.url.split("?")[0], // percent-encoding kept
      query: Object.fromEntries(url.searchParams),
      body: sent.body ? JSON.parse(sent.body) : null,
      scope: /Credential=[^/]+\/\d{8}\/([^,]+),/.exec(sent.headers.authorization ?? "")?.[1] ?? null,
    }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runOnStdin(latticeRequests);

// Runs sigv4.mjs, requests.mjs and gateway-api.mjs for many requests in one process (../common/serve.mjs): the tests
// compare every signature and request they make with the official signer's and SDK's, and check rendered folders
// against the Gateway API models and CRDs (compiled once here); a Node process each (loading the SDK, the CRDs)
// cost more than the work.
import { serve } from "../common/serve.mjs";
import { checkGatewayApi } from "./gateway-api.mjs";
import { latticeRequests } from "./requests.mjs";
import { sign } from "./sigv4.mjs";

await serve({
  "sigv4.mjs": async (_, stdin) => ({ exit: 0, stdout: `${JSON.stringify(await sign(JSON.parse(stdin)))}\n`, stderr: "" }),
  "requests.mjs": (_, stdin) => latticeRequests(JSON.parse(stdin)),
  "gateway-api.mjs": args => checkGatewayApi(args),
});

// Runs sigv4.mjs and appmesh-requests.mjs for many requests in one process (../common/serve.mjs): the tests compare
// every signature and request they make with the official signer's and SDK's, and a Node process each (loading
// the SDK) cost more than the work.
import { serve } from "../common/serve.mjs";
import { appMeshRequests } from "./appmesh-requests.mjs";
import { sign } from "./sigv4.mjs";

await serve({
  "sigv4.mjs": async (_, stdin) => ({ exit: 0, stdout: `${JSON.stringify(await sign(JSON.parse(stdin)))}\n`, stderr: "" }),
  "appmesh-requests.mjs": (_, stdin) => appMeshRequests(JSON.parse(stdin)),
});

// Runs sigv4.mjs for many requests in one process (../shared/serve.mjs): the tests compare every signature they
// make with the official signer's, a Node process each, which cost more than the signing.
import { serve } from "../shared/serve.mjs";
import { sign } from "./sigv4.mjs";

await serve({
  "sigv4.mjs": async (_, stdin) => ({ exit: 0, stdout: `${JSON.stringify(await sign(JSON.parse(stdin)))}\n`, stderr: "" }),
});

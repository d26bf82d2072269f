// Runs requests.mjs for many requests in one process (../common/serve.mjs): the exporter tests of both clouds
// compare what they send with what four vendor clients send, and a Node process each loaded all four.
import { serve } from "../common/serve.mjs";
import { officialRequests } from "./requests.mjs";

await serve({
  "requests.mjs": (_, stdin) => officialRequests(JSON.parse(stdin)),
});

// Runs check.mjs, module-docs.mjs and hcl-json.mjs for many requests in one process (../common/serve.mjs), so that
// the HCL parser starts once per test run and each module file is parsed once (hcl-parse.mjs), not once per check:
// the Terraform tests make about a hundred checks, and a process each cost a second or more of CPU apiece.
import { serve } from "../common/serve.mjs";
import { check } from "./check.mjs";
import { hclJson } from "./hcl-json.mjs";
import { moduleDocs } from "./module-docs.mjs";

await serve({
  "check.mjs": args => check(args),
  "module-docs.mjs": async ([dir]) => ({ exit: 0, stdout: `${await moduleDocs(dir)}\n`, stderr: "" }),
  "hcl-json.mjs": async ([file]) => ({ exit: 0, stdout: await hclJson(file), stderr: "" }),
});

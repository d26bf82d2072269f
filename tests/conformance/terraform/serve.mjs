// Runs check.mjs, module-docs.mjs and hcl-json.mjs for many requests in one process, so that the HCL parser
// starts once per test run and each module file is parsed once (hcl-parse.mjs), not once per check: the
// Terraform tests make about a hundred checks, and a process each cost a second or more of CPU apiece.
//
//   node serve.mjs    reads one request per line on stdin, {"script": "check.mjs", "args": [...]}, and
//                     answers each, in order, with one line {"exit": N, "stdout": "...", "stderr": "..."}:
//                     what `node SCRIPT ARGS...` would have exited with and printed. Ends when stdin ends.
import readline from "node:readline";
import { check } from "./check.mjs";
import { hclJson } from "./hcl-json.mjs";
import { moduleDocs } from "./module-docs.mjs";

const scripts = {
  "check.mjs": args => check(args),
  "module-docs.mjs": async ([dir]) => ({ exit: 0, stdout: `${await moduleDocs(dir)}\n`, stderr: "" }),
  "hcl-json.mjs": async ([file]) => ({ exit: 0, stdout: await hclJson(file), stderr: "" }),
};

async function answer(line) {
  let request;
  try { request = JSON.parse(line); } catch (e) { return { exit: 2, stdout: "", stderr: `serve.mjs: the request is not JSON: ${e.message}\n` }; }
  const run = scripts[request.script];
  if (!run) return { exit: 2, stdout: "", stderr: `serve.mjs: no script ${request.script}; it serves ${Object.keys(scripts).join(", ")}\n` };
  try {
    return await run(request.args ?? []);
  } catch (e) {
    // What the script alone would have died of: a non-zero exit with the error, as node prints it.
    return { exit: 1, stdout: "", stderr: `${e.stack ?? e}\n` };
  }
}

// One request at a time: the checks keep their findings in module state, which each check() resets.
for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === "") continue;
  process.stdout.write(`${JSON.stringify(await answer(line))}\n`);
}
process.exit(0);

// The loop of every tool folder's serve.mjs: runs many script requests in one Node process, so that a folder's
// packages load once per test run instead of once per run (a process each cost a second or more of CPU apiece).
//
//   serve(scripts)   reads one request per line on stdin, {"script": "sigv4.mjs", "args": [...], "stdin": "..."},
//                    and answers each, in order, with one line {"exit": N, "stdout": "...", "stderr": "..."}: what
//                    `node SCRIPT ARGS... < STDIN` would have exited with and printed. Ends when stdin ends.
// scripts maps a script's file name to an async function (args, stdin) => {exit, stdout, stderr}.
import readline from "node:readline";

async function answer(scripts, line) {
  let request;
  try { request = JSON.parse(line); } catch (e) { return { exit: 2, stdout: "", stderr: `serve.mjs: the request is not JSON: ${e.message}\n` }; }
  const run = scripts[request.script];
  if (!run) return { exit: 2, stdout: "", stderr: `serve.mjs: no script ${request.script}; it serves ${Object.keys(scripts).join(", ")}\n` };
  try {
    return await run(request.args ?? [], request.stdin ?? "");
  } catch (e) {
    // What the script alone would have died of: a non-zero exit with the error, as node prints it.
    return { exit: 1, stdout: "", stderr: `${e.stack ?? e}\n` };
  }
}

export async function serve(scripts) {
  // One request at a time: some scripts keep findings in module state, which each run resets.
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    process.stdout.write(`${JSON.stringify(await answer(scripts, line))}\n`);
  }
  process.exit(0);
}

// HashiCorp's HCL parser (@cdktf/hcl2json, Go compiled to WebAssembly) with a cache: starting the parser and
// parsing a module's files cost about a second of CPU, which serve.mjs pays once per test run instead of once
// per check. A file is parsed again when its size or modification time changes; each caller gets its own copy,
// so no check can change what the next one reads.
import { parse } from "@cdktf/hcl2json";
import fs from "node:fs";

const cache = new Map();

/** The HCL file at <file> as JSON (hcl2json's shape). */
export async function parseHcl(file) {
  const stat = fs.statSync(file);
  const key = `${stat.size}:${stat.mtimeMs}`;
  const cached = cache.get(file);
  if (cached?.key === key) return structuredClone(cached.json);
  const json = await parse(file, fs.readFileSync(file, "utf8"));
  cache.set(file, { key, json });
  return structuredClone(json);
}

// Builds a compact schema (resource and data source types, their argument, block and attribute names, nested
// blocks) of each provider this project's modules use, from the provider bindings HashiCorp publishes on npm
// (@cdktf/provider-*: code generated from the provider's own schema). The packages are large (300-400 MB
// unpacked), so they are not installed: `npm pack` fetches the pinned tarball (checked against the pinned
// integrity), only lib/*/index.js is read from it, and the result is cached in .schemas/<package>@<version>.json.
//
// usage: node provider-schemas.mjs            (builds what is missing; ./test.sh runs it)
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const cacheDir = path.join(here, ".schemas");

/** The pinned provider packages of package.json: { name: { version, integrity } }. */
export function pinnedPackages() {
  return JSON.parse(fs.readFileSync(path.join(here, "package.json"), "utf8")).providerPackages;
}

/** Path of the cached schema of one package. */
export function schemaPath(name, version) {
  return path.join(cacheDir, `${name.replace("/", "__")}@${version}.json`);
}

/** Loads every pinned provider's schema, merged: { resource: {type: node}, data: {type: node} }. */
export function loadSchemas() {
  const merged = { resource: {}, data: {} };
  for (const [name, { version }] of Object.entries(pinnedPackages())) {
    const file = schemaPath(name, version);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run 'node tests/conformance/terraform/provider-schemas.mjs' (./test.sh does)`);
    const schema = JSON.parse(fs.readFileSync(file, "utf8"));
    Object.assign(merged.resource, schema.resource);
    Object.assign(merged.data, schema.data);
  }
  return merged;
}

// ----- reading the generated bindings -----

// `name: {\n value: EXPR,\n isBlock: true|false,` inside a synthesizeHclAttributes / *ToHclTerraform body.
const entryPattern = /\n\s+([a-z_][a-z0-9_]*): \{\n\s+value: (.*),\n\s+isBlock: (true|false),/g;
const structFunction = /(?<!cdktf\.)\b([a-z][A-Za-z0-9]*ToHclTerraform)\b/;

function entriesOf(body) {
  const entries = [];
  for (const m of body.matchAll(entryPattern)) {
    const struct = structFunction.exec(m[2]);
    entries.push({ name: m[1], block: m[3] === "true", struct: struct ? struct[1] : null });
  }
  return entries;
}

function functionBodies(source) {
  const bodies = new Map();
  const starts = [...source.matchAll(/\nfunction ([A-Za-z0-9]+ToHclTerraform)\(struct\) \{/g)];
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1].index : source.indexOf("\nclass ", starts[i].index);
    bodies.set(starts[i][1], source.slice(starts[i].index, end < 0 ? undefined : end));
  }
  return bodies;
}

function nodeOf(entries, bodies, depth) {
  const node = { args: {}, attrs: [] };
  for (const e of entries) {
    let nested = null;
    if (e.struct && bodies.has(e.struct) && depth < 12) nested = nodeOf(entriesOf(bodies.get(e.struct)), bodies, depth + 1);
    node.args[e.name] = nested ? { block: e.block, nested } : { block: e.block };
  }
  return node;
}

/** The resource or data source one generated index.js defines, or null. */
export function parseBinding(source) {
  const type = /\.tfResourceType = "([a-z0-9_]+)";/.exec(source);
  const cls = /\nclass ([A-Za-z0-9]+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/.exec(source);
  if (!type || !cls || cls[2] === "TerraformProvider") return null;
  const classBody = source.slice(cls.index, source.indexOf(`\nexports.${cls[1]} = ${cls[1]};`, cls.index));
  const synth = classBody.slice(classBody.indexOf("synthesizeHclAttributes() {"));
  const node = nodeOf(entriesOf(synth), functionBodies(source), 0);
  // Readable attributes: computed ones are read with get*Attribute('name') or are output references.
  const attrs = new Set(Object.keys(node.args));
  for (const m of classBody.matchAll(/get[A-Za-z]*Attribute\('([a-z0-9_]+)'\)/g)) attrs.add(m[1]);
  for (const m of classBody.matchAll(/\(this, "([a-z0-9_]+)"(?:, (?:true|false))?\)/g)) attrs.add(m[1]);
  node.attrs = [...attrs].sort();
  return { kind: cls[2] === "TerraformDataSource" ? "data" : "resource", type: type[1], node };
}

function buildOne(name, version, integrity) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "meshfed-tf-schema-"));
  try {
    const tarball = execFileSync("npm", ["pack", `${name}@${version}`, "--pack-destination", work, "--silent"], { encoding: "utf8" }).trim().split("\n").pop();
    const file = path.join(work, tarball);
    const [algorithm, expected] = integrity.split("-");
    const actual = crypto.createHash(algorithm).update(fs.readFileSync(file)).digest("base64");
    if (actual !== expected) throw new Error(`${name}@${version}: integrity ${algorithm}-${actual}, pinned ${integrity}`);
    execFileSync("tar", ["-xzf", file, "-C", work, "--wildcards", "package/lib/*/index.js"]);
    const schema = { package: `${name}@${version}`, resource: {}, data: {} };
    const lib = path.join(work, "package", "lib");
    for (const dir of fs.readdirSync(lib).sort()) {
      const index = path.join(lib, dir, "index.js");
      if (!fs.existsSync(index)) continue;
      const binding = parseBinding(fs.readFileSync(index, "utf8"));
      if (binding) schema[binding.kind][binding.type] = binding.node;
    }
    if (Object.keys(schema.resource).length === 0) throw new Error(`${name}@${version}: no resource found in lib/*/index.js`);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(schemaPath(name, version), JSON.stringify(schema));
    return schema;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [name, { version, integrity }] of Object.entries(pinnedPackages())) {
    if (fs.existsSync(schemaPath(name, version))) continue;
    const schema = buildOne(name, version, integrity);
    console.log(`${name}@${version}: ${Object.keys(schema.resource).length} resources, ${Object.keys(schema.data).length} data sources`);
  }
}

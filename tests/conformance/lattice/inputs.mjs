// Usage: node inputs.mjs <dir-or-file>...
//
// For every rendered VPC Lattice input (NNN-<operation>-<name>.json, as written by
// `meshfed render --target vpc-lattice`, one folder per site):
//   1. every placeholder ({{service:NAME}}, {{listener:SERVICE/NAME}}, {{targetGroup:NAME}}, {{serviceNetwork:NAME}})
//      names a resource an earlier file of the same folder creates, and {{input:...}} is a known apply input;
//   2. with placeholders replaced by well-formed ids, the input satisfies the operation's input shape in the Smithy
//      model vpc-lattice-2022-11-30.json (copied here): no unknown members, required members present, string lengths,
//      integer ranges, patterns, enums, list and map lengths, unions with exactly one member;
//   3. the official SDK (@aws-sdk/client-vpc-lattice), pointed at a loopback capture server, sends exactly the
//      rendered members: method and path (labels) per the model's @http trait, the rest as the JSON body.
// Exit: 0 all good, 1 problems, 2 usage.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { startCapture, sorted } from "../common/capture.mjs";
import { createHash } from "node:crypto";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import * as lattice from "@aws-sdk/client-vpc-lattice";

const here = dirname(fileURLToPath(import.meta.url));
const model = JSON.parse(readFileSync(join(here, "vpc-lattice-2022-11-30.json"), "utf8")).shapes;
const NS = "com.amazonaws.vpclattice#";
const prelude = { "smithy.api#String": { type: "string" }, "smithy.api#Integer": { type: "integer" }, "smithy.api#Boolean": { type: "boolean" }, "smithy.api#PrimitiveBoolean": { type: "boolean" } };
const shape = id => model[id] ?? prelude[id] ?? (() => { throw new Error(`unknown shape ${id}`); })();

const pascal = op => op.split("-").filter(w => w.length > 0).map(w => w[0].toUpperCase() + w.slice(1)).join("");
const inputs = {
  serviceNetwork: "sn-", service: "svc-", listener: "listener-", targetGroup: "tg-",
};
const applyInputs = {
  vpcId: "vpc-0123456789abcdef0",
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012",
};

function fakeId(kind, name) {
  const hex = createHash("sha256").update(`${kind}:${name}`).digest("hex");
  return inputs[kind] + hex.slice(0, 17);
}

function files(paths) {
  const out = [];
  for (const p of paths) {
    if (!existsSync(p)) { console.error(`no such path: ${p}`); process.exit(2); }
    if (statSync(p).isDirectory()) out.push(...files(readdirSync(p).sort().map(f => join(p, f))));
    else if (p.endsWith(".json")) out.push(p);
  }
  return out;
}

// Placeholders -> ids; records what each folder has created so far.
function resolve(value, created, problems, where) {
  if (typeof value === "string") {
    const m = /^\{\{([A-Za-z]+):(.+)\}\}$/.exec(value);
    if (!m) {
      if (value.includes("{{")) problems.push(`${where}: malformed placeholder ${value}`);
      return value;
    }
    const [, kind, name] = m;
    if (kind === "input") {
      if (!(name in applyInputs)) problems.push(`${where}: unknown apply input ${value}`);
      return applyInputs[name] ?? value;
    }
    if (!(kind in inputs)) { problems.push(`${where}: unknown placeholder kind ${value}`); return value; }
    if (!created.has(`${kind}:${name}`)) problems.push(`${where}: ${value} names nothing an earlier file creates`);
    return fakeId(kind, name);
  }
  if (Array.isArray(value)) return value.map((v, i) => resolve(v, created, problems, `${where}[${i}]`));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, created, problems, `${where}.${k}`)]));
  return value;
}

function creates(op, input) {
  switch (op) {
    case "create-service-network": return [`serviceNetwork:${input.name}`];
    case "create-service": return [`service:${input.name}`];
    case "create-target-group": return [`targetGroup:${input.name}`];
    case "create-listener": {
      const m = /^\{\{service:(.+)\}\}$/.exec(input.serviceIdentifier ?? "");
      return m ? [`listener:${m[1]}/${input.name}`] : [];
    }
    default: return [];
  }
}

// The Smithy model's constraints, member traits over target traits.
function validate(id, value, path, problems, memberTraits = {}) {
  const s = shape(id);
  const traits = { ...(s.traits ?? {}), ...memberTraits };
  const length = traits["smithy.api#length"], range = traits["smithy.api#range"], pattern = traits["smithy.api#pattern"];
  const sizeOk = n => !length || ((length.min === undefined || n >= length.min) && (length.max === undefined || n <= length.max));
  switch (s.type) {
    case "string": {
      if (typeof value !== "string") return problems.push(`${path}: expected a string`);
      if (!sizeOk([...value].length)) problems.push(`${path}: length ${[...value].length} outside ${JSON.stringify(length)}`);
      if (pattern && !new RegExp(pattern, "u").test(value)) problems.push(`${path}: '${value}' does not match ${pattern}`);
      const enumTrait = traits["smithy.api#enum"];
      if (enumTrait && !enumTrait.some(e => e.value === value)) problems.push(`${path}: '${value}' is not one of ${enumTrait.map(e => e.value).join(", ")}`);
      return;
    }
    case "enum": {
      const values = Object.values(s.members).map(m => m.traits?.["smithy.api#enumValue"]);
      if (!values.includes(value)) problems.push(`${path}: '${value}' is not one of ${values.join(", ")}`);
      return;
    }
    case "integer": case "long": {
      if (!Number.isInteger(value)) return problems.push(`${path}: expected an integer`);
      if (range && ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max))) problems.push(`${path}: ${value} outside ${JSON.stringify(range)}`);
      return;
    }
    case "boolean":
      if (typeof value !== "boolean") problems.push(`${path}: expected a boolean`);
      return;
    case "list": {
      if (!Array.isArray(value)) return problems.push(`${path}: expected a list`);
      if (!sizeOk(value.length)) problems.push(`${path}: ${value.length} items outside ${JSON.stringify(length)}`);
      value.forEach((v, i) => validate(s.member.target, v, `${path}[${i}]`, problems, s.member.traits));
      return;
    }
    case "map": {
      if (!value || typeof value !== "object" || Array.isArray(value)) return problems.push(`${path}: expected a map`);
      const entries = Object.entries(value);
      if (!sizeOk(entries.length)) problems.push(`${path}: ${entries.length} entries outside ${JSON.stringify(length)}`);
      for (const [k, v] of entries) {
        validate(s.key.target, k, `${path} key '${k}'`, problems, s.key.traits);
        validate(s.value.target, v, `${path}.${k}`, problems, s.value.traits);
      }
      return;
    }
    case "structure": case "union": {
      if (!value || typeof value !== "object" || Array.isArray(value)) return problems.push(`${path}: expected an object`);
      for (const key of Object.keys(value)) {
        if (!(key in (s.members ?? {}))) problems.push(`${path}: unknown member '${key}'`);
      }
      if (s.type === "union" && Object.keys(value).length !== 1) problems.push(`${path}: a union takes exactly one member, got ${Object.keys(value).length}`);
      for (const [name, member] of Object.entries(s.members ?? {})) {
        if (!(name in value)) {
          if (member.traits?.["smithy.api#required"]) problems.push(`${path}: required member '${name}' missing`);
          continue;
        }
        validate(member.target, value[name], `${path}.${name}`, problems, member.traits);
      }
      return;
    }
    default:
      problems.push(`${path}: shape type ${s.type} not checked`);
  }
}

const args = process.argv.slice(2);
if (args.length === 0) { console.error("usage: node inputs.mjs <dir-or-file>..."); process.exit(2); }
const all = files(args);
if (all.length === 0) { console.error("no *.json inputs found"); process.exit(1); }

const capture = await startCapture();
const client = new lattice.VPCLatticeClient({
  region: "us-east-1",
  endpoint: capture.endpoint,
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token" },
  maxAttempts: 1,
});

const problems = [];
const createdByFolder = new Map();
for (const file of all) {
  // The operation is the longest prefix of the name that is an SDK command (names contain '-').
  const parts = basename(file).replace(/^\d{3}-/, "").replace(/\.json$/, "").split("-");
  let operation = null;
  for (let n = parts.length; n > 0 && !operation; n--) {
    const candidate = parts.slice(0, n).join("-");
    if (`${pascal(candidate)}Command` in lattice && /^(create|put|register)-/.test(candidate)) operation = candidate;
  }
  if (!/^\d{3}-/.test(basename(file)) || !operation) { problems.push(`${file}: not named NNN-<operation>-<name>.json`); continue; }
  const folder = dirname(file);
  if (!createdByFolder.has(folder)) createdByFolder.set(folder, new Set());
  const created = createdByFolder.get(folder);
  const rendered = JSON.parse(readFileSync(file, "utf8"));
  const input = resolve(rendered, created, problems, file);
  for (const c of creates(operation, rendered)) created.add(c);

  const opShape = shape(`${NS}${pascal(operation)}`);
  validate(opShape.input.target, input, `${file}`, problems);
  if (operation === "put-auth-policy") {
    if (/[\r\n]/.test(input.policy)) problems.push(`${file}: the policy contains a newline`);
    try { JSON.parse(input.policy); } catch { problems.push(`${file}: the policy is not JSON`); }
  }

  capture.last = undefined;
  try {
    await client.send(new lattice[`${pascal(operation)}Command`](structuredClone(input)));
  } catch {
    // The capture server answers {}; output parsing may complain, the request was sent all the same.
  }
  const captured = capture.last;
  if (!captured) { problems.push(`${file}: the SDK sent nothing (it rejected the input)`); continue; }
  const http = opShape.traits["smithy.api#http"];
  const inputShape = shape(opShape.input.target);
  const labels = Object.entries(inputShape.members).filter(([, mm]) => mm.traits?.["smithy.api#httpLabel"]).map(([name]) => name);
  const expectedPath = http.uri.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(input[name]));
  const url = new URL(captured.url, "http://x");
  if (captured.method !== http.method) problems.push(`${file}: method ${captured.method}, expected ${http.method}`);
  if (url.pathname !== expectedPath) problems.push(`${file}: path ${url.pathname}, expected ${expectedPath}`);
  const sent = JSON.parse(captured.body || "{}");
  delete sent.clientToken; // the SDK fills the idempotency token itself
  const expected = Object.fromEntries(Object.entries(input).filter(([k]) => !labels.includes(k)));
  const a = JSON.stringify(sorted(sent)), b = JSON.stringify(sorted(expected));
  if (a !== b) problems.push(`${file}: ${operation}: the SDK sends a different body\n  sent:     ${a}\n  rendered: ${b}`);
}
capture.close();
for (const p of problems) console.log(p);
console.log(`checked ${all.length} inputs, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);

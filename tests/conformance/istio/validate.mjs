#!/usr/bin/env node
// Istio conformance check for rendered YAML.
//
//   node validate.mjs <dir-or-file>...
//
// For every Istio resource found in the given *.yaml / *.yml files (directories
// are walked recursively; kustomization.yaml is skipped) it reports:
//   1. what Istio's own schema rejects: the resource is built with the class of
//      @kubernetes-models/istio for its apiVersion/kind and `validate()` is run
//      (types, enums, required fields, oneOf, patterns);
//   2. unknown fields, which validate() silently accepts but an API server with
//      strict field validation rejects (see "Strict unknown-field check" below);
//   3. invalid Istio duration strings in timeout-like fields, which the package
//      accepts as any string.
//
// Output: one line per problem, `file: Kind namespace/name: path: message`, then
// `checked N resources in M files, K problems`.
// Exit code: 0 no problem, 1 problems, 2 usage error (no argument, missing path).

import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";

// ---------------------------------------------------------------------------
// apiVersion + kind -> module of @kubernetes-models/istio exporting the class.
// Each module is `@kubernetes-models/istio/<group>/<version>/<Kind>` and exports
// a class named <Kind>; its validate() runs the validator compiled from Istio's
// CRD schema, kept in `@kubernetes-models/istio/_schemas/<Group><Version><Kind>.js`.
// ---------------------------------------------------------------------------
const SUPPORTED = {
  "networking.istio.io": {
    versions: ["v1", "v1beta1", "v1alpha3"],
    kinds: ["VirtualService", "DestinationRule", "ServiceEntry", "Gateway", "Sidecar", "WorkloadEntry"],
  },
  "security.istio.io": {
    versions: ["v1", "v1beta1"],
    kinds: ["PeerAuthentication", "AuthorizationPolicy", "RequestAuthentication"],
  },
};

const modelCache = new Map();

/** @returns {Promise<Function|null>} the model class, or null when unsupported */
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return null;
  const group = apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const entry = SUPPORTED[group];
  if (!entry || !entry.versions.includes(version) || !entry.kinds.includes(kind)) return null;
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    const mod = await import(`@kubernetes-models/istio/${group}/${version}/${kind}`);
    modelCache.set(key, mod[kind]);
  }
  return modelCache.get(key);
}

// ---------------------------------------------------------------------------
// Strict unknown-field check.
//
// @kubernetes-models/istio ships no JSON schema documents: its `_schemas/*.js`
// are Ajv "standalone" validators generated at build time from Istio's CRD
// openAPIV3Schema, with every $ref already resolved into function calls
// (metadata calls the compiled io.k8s ObjectMeta validator of
// @kubernetes-models/apimachinery/_schemas/IoK8sApimachineryPkgApisMetaV1ObjectMeta.js).
// The schemas have no additionalProperties:false, so unknown fields pass.
//
// The set of properties the schema defines is recovered from that very
// validator: the resource is handed to validate() behind Proxies that record,
// for every object node (keyed by its JSON path), which property names the
// validator reads. Ajv-generated code reads `data.<name>` for every name listed
// under `properties` (and the names in `required`, which Istio's structural
// schemas also list under `properties`), and enumerates the keys (`for..in`)
// of an object whose schema has additionalProperties/patternProperties (maps
// such as labels, headers, set). So, per object node:
//   - keys were enumerated        -> map: any key allowed, values were checked;
//   - some property names read    -> a key the validator never read is unknown;
//   - nothing read at all         -> schema defines no properties (free-form
//                                    object) or the node has a type error that
//                                    validate() already reports: not checked.
// `status` is skipped: Istio's CRDs declare it x-kubernetes-preserve-unknown-fields
// and the API server ignores it on the main resource (status subresource).
// ---------------------------------------------------------------------------

/**
 * Runs fn(proxy) on a traced view of `root`.
 * @returns {{records: Map<string, {read: Set<string>, enumerated: boolean}>, error: unknown}}
 *   records keyed by JSON pointer; error is what fn threw (undefined if nothing).
 */
/** JSON pointer of `key` under `pointer` (RFC 6901 escaping, so label keys with "/" stay distinct). */
const childPointer = (pointer, key) => `${pointer}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;

function traceReads(root, fn) {
  const records = new Map();
  const proxies = new Map();
  const wrap = (value, pointer) => {
    if (value === null || typeof value !== "object") return value;
    const cached = proxies.get(pointer);
    if (cached && cached.target === value) return cached.proxy;
    const record = { read: new Set(), enumerated: false };
    records.set(pointer, record);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return v;
        record.read.add(key);
        return Object.prototype.hasOwnProperty.call(target, key) ? wrap(v, childPointer(pointer, key)) : v;
      },
      has(target, key) {
        if (typeof key === "string") record.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(pointer, { target: value, proxy });
    return proxy;
  };
  try {
    fn(wrap(root, ""));
    return { records, error: undefined };
  } catch (error) {
    return { records, error };
  }
}

function unknownFields(obj, records) {
  const found = [];
  const walk = (node, pointer, segments) => {
    if (node === null || typeof node !== "object") return;
    if (pointer === "/status") return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, childPointer(pointer, i), [...segments, i]));
      return;
    }
    const record = records.get(pointer);
    if (!record) return; // the validator never reached this node
    const checkKeys = !record.enumerated && record.read.size > 0;
    for (const key of Object.keys(node)) {
      if (checkKeys && !record.read.has(key)) {
        found.push({ segments: [...segments, key], message: "unknown field" });
        continue;
      }
      walk(node[key], childPointer(pointer, key), [...segments, key]);
    }
  };
  walk(obj, "", []);
  return found;
}

// ---------------------------------------------------------------------------
// Duration check: Istio durations (google.protobuf.Duration as Go duration text).
// ---------------------------------------------------------------------------
const DURATION_FIELDS = new Set(["timeout", "perTryTimeout", "interval", "baseEjectionTime", "idleTimeout", "connectTimeout"]);
const DURATION = /^([0-9]+(\.[0-9]+)?(h|m|s|ms|us|µs|ns))+$/;

function badDurations(obj) {
  const found = [];
  const walk = (node, segments) => {
    if (node === null || typeof node !== "object") return;
    if (segments.length === 1 && segments[0] === "status") return;
    for (const [key, value] of Object.entries(node)) {
      const here = [...segments, Array.isArray(node) ? Number(key) : key];
      if (!Array.isArray(node) && DURATION_FIELDS.has(key) && typeof value === "string" && !DURATION.test(value)) {
        found.push({ segments: here, message: `invalid duration ${JSON.stringify(value)} (expected e.g. 10s, 1.5s, 500ms, 1h30m)` });
      }
      walk(value, here);
    }
  };
  walk(obj, []);
  return found;
}

// ---------------------------------------------------------------------------
// Formatting helpers.
// ---------------------------------------------------------------------------
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function formatPath(segments) {
  if (segments.length === 0) return "(root)";
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (IDENT.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Ajv instancePath (JSON pointer) -> segments, numbers for array indexes of `obj`. */
function pointerSegments(pointer, obj) {
  if (!pointer) return [];
  const segments = [];
  let node = obj;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      node = node[Number(key)];
    } else {
      segments.push(key);
      node = node !== null && typeof node === "object" ? node[key] : undefined;
    }
  }
  return segments;
}

function ajvMessage(err) {
  let message = err.message ?? err.keyword;
  if (err.keyword === "enum" && Array.isArray(err.params?.allowedValues)) {
    message += `: ${err.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  } else if (err.keyword === "additionalProperties" && err.params?.additionalProperty) {
    message += `: ${err.params.additionalProperty}`;
  }
  return message;
}

function resourceLabel(obj) {
  const kind = obj && typeof obj.kind === "string" ? obj.kind : "<no kind>";
  const meta = obj && typeof obj.metadata === "object" && obj.metadata !== null ? obj.metadata : {};
  const name = typeof meta.name === "string" && meta.name !== "" ? meta.name : "<no name>";
  const ns = typeof meta.namespace === "string" && meta.namespace !== "" ? `${meta.namespace}/` : "";
  return `${kind} ${ns}${name}`;
}

// ---------------------------------------------------------------------------
// One resource.
// ---------------------------------------------------------------------------
async function checkResource(obj) {
  const problems = [];
  const Model = await modelClass(obj.apiVersion, obj.kind);
  if (!Model) {
    problems.push({
      segments: [],
      message: `unknown apiVersion/kind ${JSON.stringify(obj.apiVersion)} ${JSON.stringify(obj.kind)} (supported: ${Object.entries(SUPPORTED)
        .map(([g, e]) => `${g}/{${e.versions.join(",")}}`)
        .join(", ")})`,
    });
    return problems;
  }

  const model = new Model(obj);
  // Same as model.validate() (it throws on schema errors), observed through Proxies.
  const { records, error } = traceReads(model, (traced) => model.validate.call(traced));
  if (Array.isArray(error?.errors)) {
    const seen = new Set();
    for (const e of error.errors) {
      const p = { segments: pointerSegments(e.instancePath, obj), message: ajvMessage(e) };
      const key = `${formatPath(p.segments)}\0${p.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(p);
      }
    }
  } else if (error !== undefined) {
    problems.push({ segments: [], message: `validate() failed: ${error?.message ?? error}` });
  }
  problems.push(...unknownFields(obj, records));
  problems.push(...badDurations(obj));
  return problems;
}

// ---------------------------------------------------------------------------
// Files.
// ---------------------------------------------------------------------------
const YAML_FILE = /\.ya?ml$/i;
const KUSTOMIZATION = /^kustomization\.ya?ml$/i;
const SKIP_DIRS = new Set(["node_modules", ".git"]);

async function collectFiles(p, explicit, out) {
  const st = await stat(p);
  if (st.isDirectory()) {
    const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (SKIP_DIRS.has(e.name)) continue;
      const child = path.join(p, e.name);
      if (e.isDirectory() || (e.isSymbolicLink() && (await stat(child)).isDirectory())) await collectFiles(child, false, out);
      else if (YAML_FILE.test(e.name) && !KUSTOMIZATION.test(e.name)) out.push(child);
    }
  } else if (!KUSTOMIZATION.test(path.basename(p)) && (explicit || YAML_FILE.test(p))) {
    out.push(p);
  }
}

async function main(args) {
  if (args.length === 0 || args.includes("-h") || args.includes("--help")) {
    process.stderr.write("usage: node validate.mjs <dir-or-file>...\n");
    return 2;
  }
  const files = [];
  for (const a of args) {
    try {
      await collectFiles(a, true, files);
    } catch (err) {
      process.stderr.write(`${a}: ${err.code === "ENOENT" ? "no such file or directory" : err.message}\n`);
      process.stderr.write("usage: node validate.mjs <dir-or-file>...\n");
      return 2;
    }
  }

  const lines = [];
  let resources = 0;
  for (const file of [...new Set(files)]) {
    const text = await readFile(file, "utf8");
    // YAML 1.1 like the Kubernetes decoder: unquoted yes/no/on/off are booleans.
    const docs = YAML.parseAllDocuments(text, { version: "1.1", prettyErrors: false });
    const list = Array.isArray(docs) ? docs : [docs];
    for (const [i, doc] of list.entries()) {
      const where = `document ${i + 1}`;
      if (doc.errors?.length) {
        for (const e of doc.errors) lines.push(`${file}: ${where}: yaml: ${e.message.split("\n")[0]}`);
        continue;
      }
      const obj = doc.toJS({ maxAliasCount: 100 });
      if (obj === null || obj === undefined) continue; // empty document (e.g. trailing ---)
      if (typeof obj !== "object" || Array.isArray(obj)) {
        resources++;
        lines.push(`${file}: ${where}: (root): a resource must be a mapping, got ${Array.isArray(obj) ? "a sequence" : typeof obj}`);
        continue;
      }
      if (typeof obj.apiVersion === "string" && obj.apiVersion.startsWith("kustomize.config.k8s.io/")) continue;
      resources++;
      const label = resourceLabel(obj);
      for (const p of await checkResource(obj)) lines.push(`${file}: ${label}: ${formatPath(p.segments)}: ${p.message}`);
    }
  }

  if (files.length === 0) lines.push(`${args.join(" ")}: no *.yaml/*.yml files found`);
  for (const l of lines) process.stdout.write(`${l}\n`);
  process.stdout.write(`checked ${resources} resources in ${files.length} files, ${lines.length} problems\n`);
  return lines.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);

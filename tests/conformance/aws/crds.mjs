// Usage: node crds.mjs <dir-or-file>...
//
// Validates rendered App Mesh controller custom resources against the controller's own CRDs
// (appmesh-controller-crds.yaml, copied verbatim from aws/aws-app-mesh-controller-for-k8s
// config/helm/appmesh-controller/crds/crds.yaml): the v1beta2 openAPIV3Schema of each kind checked by Ajv,
// plus the strict unknown-field check an API server with strict field validation applies (structural
// schemas otherwise prune unknown fields silently). Exit: 0 no problem, 1 problems, 2 usage.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import Ajv from "ajv";

const here = dirname(fileURLToPath(import.meta.url));
const schemas = new Map();
for (const crd of YAML.parseAllDocuments(readFileSync(join(here, "appmesh-controller-crds.yaml"), "utf8")).map(d => d.toJSON())) {
  if (!crd) continue;
  const version = crd.spec.versions.find(v => v.name === "v1beta2");
  if (version) schemas.set(crd.spec.names.kind, version.schema.openAPIV3Schema);
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

function files(paths) {
  const out = [];
  for (const p of paths) {
    if (!existsSync(p)) { console.error(`no such path: ${p}`); process.exit(2); }
    if (statSync(p).isDirectory()) out.push(...files(readdirSync(p).sort().map(f => join(p, f))));
    else if (/\.ya?ml$/.test(p) && !p.endsWith("kustomization.yaml")) out.push(p);
  }
  return out;
}

function unknownFields(value, schema, path, report) {
  if (!schema || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) { value.forEach((v, i) => unknownFields(v, schema.items, `${path}[${i}]`, report)); return; }
  if (schema["x-kubernetes-preserve-unknown-fields"]) return;
  if (schema.properties) {
    for (const [key, v] of Object.entries(value)) {
      if (!(key in schema.properties)) { if (!schema.additionalProperties) report(`${path}.${key}: unknown field`); continue; }
      unknownFields(v, schema.properties[key], `${path}.${key}`, report);
    }
  } else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
    for (const [key, v] of Object.entries(value)) unknownFields(v, schema.additionalProperties, `${path}.${key}`, report);
  }
}

const args = process.argv.slice(2);
if (args.length === 0) { console.error("usage: node crds.mjs <dir-or-file>..."); process.exit(2); }
const inputs = files(args);
let problems = 0, resources = 0;
for (const file of inputs) {
  for (const doc of YAML.parseAllDocuments(readFileSync(file, "utf8"), { version: "1.1" })) {
    const obj = doc.toJSON();
    if (!obj) continue;
    resources++;
    const id = `${obj.kind} ${obj.metadata?.namespace ?? ""}/${obj.metadata?.name}`;
    const report = message => { console.log(`${file}: ${id}: ${message}`); problems++; };
    if (obj.apiVersion !== "appmesh.k8s.aws/v1beta2" || !schemas.has(obj.kind)) { report(`not an App Mesh controller v1beta2 kind (${obj.apiVersion} ${obj.kind})`); continue; }
    const schema = schemas.get(obj.kind);
    const validate = ajv.compile(schema);
    if (!validate(obj)) for (const e of validate.errors) report(`${e.instancePath || "/"}: ${e.message}`);
    unknownFields(obj.spec, schema.properties.spec, "spec", report);
    for (const key of Object.keys(obj)) if (!["apiVersion", "kind", "metadata", "spec"].includes(key)) report(`${key}: unknown field`);
  }
}
if (resources === 0) { console.error("no resources found"); process.exit(1); }
console.log(`checked ${resources} resources in ${inputs.length} files, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);

// Usage: node gateway-api.mjs <dir-or-file>...
//
// For every object of a rendered gateway-api/ folder (`meshfed render --target vpc-lattice`, one folder per site):
//   1. Gateway API kinds are accepted by the official @kubernetes-models/gateway-api models (their own validate());
//   2. every object satisfies its CRD's openAPIV3Schema, checked by Ajv, with the strict unknown-field check an API
//      server with strict field validation applies: gateway-api-v1.5.1-standard-crds.yaml for Gateway API kinds,
//      aws-gateway-api-controller-v2.1.3-crds.yaml for the controller's (copied verbatim, see README.md). The CRDs'
//      CEL rules (x-kubernetes-validations) are not evaluated;
//   3. the objects hold together as the AWS Gateway API Controller reads them: each route's parentRef names a Gateway
//      of the folder and one of its listeners (a GRPCRoute an HTTPS one); each backendRef in another namespace is
//      granted by a ReferenceGrant there; each TargetGroupPolicy targets a Service some route sends to; each
//      IAMAuthPolicy targets a route of the folder; and kustomization.yaml lists exactly the folder's other files.
// Exit: 0 all good, 1 problems, 2 usage.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname, basename } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import Ajv from "ajv";
import * as gatewayV1 from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1";
import * as gatewayV1beta1 from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1";

const here = dirname(fileURLToPath(import.meta.url));
const schemas = new Map(); // "group/version Kind" -> openAPIV3Schema
for (const file of ["gateway-api-v1.5.1-standard-crds.yaml", "aws-gateway-api-controller-v2.1.3-crds.yaml"]) {
  for (const crd of YAML.parseAllDocuments(readFileSync(join(here, file), "utf8")).map(d => d.toJSON())) {
    if (!crd || crd.kind !== "CustomResourceDefinition") continue;
    for (const version of crd.spec.versions.filter(v => v.served))
      schemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, version.schema.openAPIV3Schema);
  }
}
const models = { "gateway.networking.k8s.io/v1": gatewayV1, "gateway.networking.k8s.io/v1beta1": gatewayV1beta1 };
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map();

class Usage extends Error {}

function folders(paths) {
  const out = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new Usage(`no such path: ${p}`);
    if (!statSync(p).isDirectory()) throw new Usage(`not a folder: ${p}`);
    const entries = readdirSync(p).sort();
    if (entries.some(f => /\.ya?ml$/.test(f))) out.push(p);
    out.push(...folders(entries.map(f => join(p, f)).filter(f => statSync(f).isDirectory())));
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

/** Checks the folders under args, as the command line does: {exit, stdout, stderr}. */
export async function checkGatewayApi(args) {
  if (args.length === 0) return { exit: 2, stdout: "", stderr: "usage: node gateway-api.mjs <dir>...\n" };
  let stdout = "";
  const say = line => { stdout += `${line}\n`; };
  let problems = 0, objects = 0, files = 0;
  let checked;
  try { checked = folders(args); } catch (e) { if (e instanceof Usage) return { exit: 2, stdout: "", stderr: `${e.message}\n` }; throw e; }
  for (const folder of checked) {
    const loaded = [];
    const names = readdirSync(folder).filter(f => /\.ya?ml$/.test(f)).sort();
    for (const name of names.filter(n => n !== "kustomization.yaml")) {
      files++;
      for (const doc of YAML.parseAllDocuments(readFileSync(join(folder, name), "utf8"))) {
        const obj = doc.toJSON();
        if (obj) loaded.push({ file: join(folder, name), obj });
      }
    }
    if (names.includes("kustomization.yaml")) {
      const listed = YAML.parse(readFileSync(join(folder, "kustomization.yaml"), "utf8")).resources ?? [];
      const expected = names.filter(n => n !== "kustomization.yaml");
      if (JSON.stringify([...listed].sort()) !== JSON.stringify(expected)) {
        say(`${folder}/kustomization.yaml: lists ${JSON.stringify(listed)}, the folder holds ${JSON.stringify(expected)}`);
        problems++;
      }
    }
    const find = (kind, ns, name) => loaded.find(l => l.obj.kind === kind && l.obj.metadata?.name === name && (ns === undefined || l.obj.metadata?.namespace === ns));
    const backendsUsed = new Set();
    for (const { file, obj } of loaded) {
      objects++;
      const ns = obj.metadata?.namespace;
      const id = `${obj.kind} ${ns ?? ""}/${obj.metadata?.name}`;
      const report = message => { say(`${file}: ${id}: ${message}`); problems++; };
      const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
      const key = `${group}/${version} ${obj.kind}`;
      if (!schemas.has(key)) { report(`no CRD serves ${obj.apiVersion} ${obj.kind}`); continue; }
      // 1. the official models
      const model = models[obj.apiVersion]?.[obj.kind];
      if (group === "gateway.networking.k8s.io") {
        if (!model) report(`@kubernetes-models/gateway-api has no ${obj.apiVersion} ${obj.kind}`);
        else { try { new model(obj).validate(); } catch (e) { report(`@kubernetes-models/gateway-api: ${e.message}`); } }
      }
      // 2. the CRD, strictly
      const schema = schemas.get(key);
      if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
      const validate = compiled.get(key);
      if (!validate(obj)) for (const e of validate.errors) report(`${e.instancePath || "/"}: ${e.message}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`);
      unknownFields(obj.spec, schema.properties.spec, "spec", report);
      unknownFields(obj.metadata, { properties: { name: {}, namespace: {}, labels: { additionalProperties: {} }, annotations: { additionalProperties: {} } } }, "metadata", report);
      for (const k of Object.keys(obj)) if (!["apiVersion", "kind", "metadata", "spec"].includes(k)) report(`${k}: unknown field`);
      // 3. references, as the controller resolves them
      if (obj.kind === "HTTPRoute" || obj.kind === "GRPCRoute") {
        for (const parent of obj.spec.parentRefs ?? []) {
          const gateway = find("Gateway", parent.namespace ?? ns, parent.name);
          const listener = gateway?.obj.spec.listeners.find(l => l.name === parent.sectionName);
          if (!listener) report(`parentRef ${parent.namespace ?? ns}/${parent.name} section ${parent.sectionName} names no Gateway listener of the folder`);
          else if (obj.kind === "GRPCRoute" && listener.protocol !== "HTTPS") report(`GRPCRoute on ${listener.protocol} listener ${listener.name}: the controller takes GRPCRoutes on HTTPS listeners only`);
          else if (listener.allowedRoutes?.namespaces?.from !== "All" && gateway.obj.metadata.namespace !== ns) report(`listener ${listener.name} does not admit routes from namespace ${ns}`);
        }
        for (const [i, rule] of (obj.spec.rules ?? []).entries()) {
          if ((rule.matches ?? []).length > 1) report(`rules[${i}]: ${rule.matches.length} matches; the controller takes one per rule`);
          for (const match of rule.matches ?? []) {
            if ((match.headers ?? []).length > 5) report(`rules[${i}]: more than 5 header matches`);
            for (const header of match.headers ?? []) if ((header.type ?? "Exact") !== "Exact") report(`rules[${i}]: header match type ${header.type}; the controller matches exactly`);
          }
          for (const backend of rule.backendRefs ?? []) {
            const backendNs = backend.namespace ?? ns;
            backendsUsed.add(`${backendNs}/${backend.name}`);
            if (backendNs !== ns) {
              const granted = loaded.some(l => l.obj.kind === "ReferenceGrant" && l.obj.metadata.namespace === backendNs
                && l.obj.spec.from.some(f => f.kind === obj.kind && f.namespace === ns) && l.obj.spec.to.some(t => t.kind === (backend.kind ?? "Service") && (t.name === undefined || t.name === backend.name)));
              if (!granted) report(`rules[${i}]: backendRef ${backendNs}/${backend.name} is in another namespace and no ReferenceGrant there admits ${obj.kind}s from ${ns}`);
            }
          }
        }
        if ((obj.spec.rules ?? []).length > 100) report(`${obj.spec.rules.length} rules; the controller assigns priorities 1-100`);
      }
      if (obj.kind === "IAMAuthPolicy") {
        const target = obj.spec.targetRef;
        if (!find(target.kind, ns, target.name)) report(`targetRef ${target.kind} ${target.name} is no object of the folder`);
        try { JSON.parse(obj.spec.policy); } catch (e) { report(`policy is not JSON: ${e.message}`); }
      }
    }
    for (const { file, obj } of loaded.filter(l => l.obj.kind === "TargetGroupPolicy")) {
      const target = `${obj.metadata.namespace}/${obj.spec.targetRef.name}`;
      if (obj.spec.targetRef.kind !== "Service" || !backendsUsed.has(target)) {
        say(`${file}: TargetGroupPolicy ${obj.metadata.namespace}/${obj.metadata.name}: targets ${obj.spec.targetRef.kind} ${target}, which no route of the folder sends to`);
        problems++;
      }
    }
  }
  if (objects === 0) return { exit: 1, stdout, stderr: "no objects found\n" };
  say(`checked ${objects} objects in ${files} files, ${problems} problems`);
  return { exit: problems === 0 ? 0 : 1, stdout, stderr: "" };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { exit, stdout, stderr } = await checkGatewayApi(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = exit;
}

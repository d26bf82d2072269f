// Checks meshfed's Terraform with HashiCorp's HCL parser (@cdktf/hcl2json) and the published provider schemas.
//
//   node check.mjs modules DIR            every *.tf below DIR parses; in each module: resource and data source
//                                         types, arguments and nested blocks exist in the provider schemas;
//                                         var./local./module./resource references resolve, attributes read exist;
//                                         module calls pass only (and all required) variables; variables are typed
//                                         and described, and their validations stay in the subset check.mjs evaluates;
//                                         versions.tf pins every provider used.
//   node check.mjs tfvars MODULE FILE...  the FILEs' values (merged, later files win, as terraform's -var-file) set
//                                         every required variable of MODULE, have its variable types and pass its
//                                         validations, evaluated as Terraform 1.9 does: on null values too, and
//                                         with both operands of && and || (they do not short-circuit).
//   node check.mjs eval MODULE FILE... -- EXPR...
//                                         as tfvars, then prints {EXPR: value} (JSON) for each EXPR evaluated in
//                                         the module: var.x, local.x, resource.TYPE.NAME (the arguments an
//                                         instance is created with: a list with count, a map with for_each),
//                                         data_source.TYPE.NAME (a data source's arguments, likewise).
//                                         Attributes of resources are known only after apply.
//
// Prints each problem on stderr and exits 1 when there is any; prints a one-line summary on stdout.
// serve.mjs runs the same checks (check()) for many requests in one process.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseHcl } from "./hcl-parse.mjs";
import { evaluate, parseExpression, unwrap, Unsupported } from "./hcl-expr.mjs";
import { parseType, typeErrors, withOptionalNulls } from "./hcl-types.mjs";
import { loadSchemas } from "./provider-schemas.mjs";
import { moduleScope } from "./plan-eval.mjs";

const problems = [];
const problem = (where, message) => problems.push(`${where}: ${message}`);

const providerPrefixes = ["aws", "google", "kubernetes", "local"];
const resourceMeta = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);
const moduleMeta = new Set(["source", "version", "providers", "count", "for_each", "depends_on"]);
// Terraform's built-in resource (provider terraform.io/builtin/terraform).
const builtin = { terraform_data: { args: { input: { block: false }, triggers_replace: { block: false } }, attrs: ["id", "input", "output", "triggers_replace"] } };

async function parseFile(file) {
  try {
    return await parseHcl(file);
  } catch (e) {
    problem(file, `does not parse: ${e.message ?? e}`);
    return null;
  }
}

/** A module: the merged blocks of every *.tf directly in <dir>. */
async function loadModule(dir) {
  const module = { dir, variable: {}, locals: {}, resource: {}, data: {}, module: {}, output: {}, provider: {}, terraform: [], moved: [], files: {} };
  for (const name of fs.readdirSync(dir).filter(f => f.endsWith(".tf")).sort()) {
    const file = path.join(dir, name);
    const json = await parseFile(file);
    if (!json) continue;
    module.files[name] = json;
    for (const [k, v] of Object.entries(json)) {
      if (k === "locals") for (const block of v) Object.assign(module.locals, block);
      else if (k === "terraform") module.terraform.push(...v);
      else if (k === "moved") module.moved.push(...v); // its from/to are references: checkReferences resolves them
      else if (k === "resource" || k === "data") for (const [type, byName] of Object.entries(v)) module[k][type] = { ...(module[k][type] ?? {}), ...byName };
      else if (k in module) Object.assign(module[k], v);
      else problem(file, `unknown top-level block ${k}`);
    }
  }
  return module;
}

function schemaOf(schemas, kind, type) {
  if (kind === "resource" && builtin[type]) return builtin[type];
  return schemas[kind][type] ?? null;
}

// ----- resource bodies against the schema -----

function checkBody(body, node, where) {
  for (const [key, value] of Object.entries(body)) {
    if (resourceMeta.has(key)) continue;
    if (key === "dynamic") {
      for (const [blockName, dynamics] of Object.entries(value)) {
        const arg = node.args[blockName];
        if (!arg || !arg.block) { problem(where, `dynamic "${blockName}": no such block`); continue; }
        for (const d of dynamics) for (const content of d.content ?? []) if (arg.nested) checkBody(content, arg.nested, `${where}.${blockName}`);
      }
      continue;
    }
    const arg = node.args[key];
    if (!arg) { problem(where, `unknown argument or block "${key}"`); continue; }
    if (arg.block && arg.nested && Array.isArray(value)) {
      for (const item of value) if (item && typeof item === "object" && !Array.isArray(item)) checkBody(item, arg.nested, `${where}.${key}`);
    }
  }
}

// ----- references -----

/** The contents of every ${...} and %{...} in <text>. */
function interpolations(text) {
  const out = [];
  for (let i = text.indexOf("{"); i >= 0; i = text.indexOf("{", i + 1)) {
    if (text[i - 1] !== "$" && text[i - 1] !== "%") continue;
    let depth = 1;
    let j = i + 1;
    for (; j < text.length && depth > 0; j++) depth += text[j] === "{" ? 1 : text[j] === "}" ? -1 : 0;
    out.push(text.slice(i + 1, j - 1));
    i = j - 1;
  }
  return out;
}

function* strings(value) {
  if (typeof value === "string") yield value;
  else if (Array.isArray(value)) for (const v of value) yield* strings(v);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) { yield k; yield* strings(v); }
}

const referencePattern = /(?<![\w.\-"/])([a-z][a-z0-9_]*)\.([a-z_][a-z0-9_-]*)((?:\[[^\]]*\])?)(?:\.([a-z_][a-z0-9_]*))?((?:\[[^\]]*\])?)(?:\.([a-z_][a-z0-9_]*))?/g;

function checkReferences(module, schemas, outputsOf, where, value) {
  for (const text of strings(value)) {
    for (const expression of interpolations(text)) {
      for (const m of expression.matchAll(referencePattern)) {
        const [, root, a, , b, , c] = m;
        if (root === "var") { if (!(a in module.variable)) problem(where, `var.${a} is not declared`); }
        else if (root === "local") { if (!(a in module.locals)) problem(where, `local.${a} is not declared`); }
        else if (root === "module") {
          if (!(a in module.module)) problem(where, `module.${a} is not declared`);
          else if (b && outputsOf(a) && !(b in outputsOf(a))) problem(where, `module.${a} has no output "${b}"`);
        } else if (root === "data") {
          if (b) resourceReference(module, schemas, where, "data", a, b, c);
        } else if (root in builtin || providerPrefixes.some(p => root.startsWith(`${p}_`))) {
          resourceReference(module, schemas, where, "resource", root, a, b);
        }
      }
    }
  }
}

function resourceReference(module, schemas, where, kind, type, name, attribute) {
  const label = `${kind === "data" ? "data." : ""}${type}.${name}`;
  const schema = schemaOf(schemas, kind, type);
  if (!schema) { problem(where, `${label}: ${type} is not a ${kind} type of any provider`); return; }
  if (!module[kind][type]?.[name]) { problem(where, `${label} is not declared in this module`); return; }
  if (attribute && !schema.attrs.includes(attribute)) problem(where, `${label}.${attribute}: ${type} has no attribute "${attribute}"`);
}

// ----- variables, module calls, versions -----

function checkVariables(module) {
  for (const [name, [v]] of Object.entries(module.variable)) {
    const where = `${module.dir}: variable "${name}"`;
    if (!v.type) problem(where, "has no type");
    else { try { parseType(unwrap(v.type)); } catch (e) { problem(where, `type outside the checked subset: ${e.message}`); } }
    if (!v.description) problem(where, "has no description");
    for (const validation of v.validation ?? []) {
      try { parseExpression(unwrap(validation.condition)); } catch (e) { problem(where, `validation outside the evaluated subset: ${e.message}`); }
      if (!validation.error_message) problem(where, "a validation has no error_message");
    }
  }
  for (const [name, [o]] of Object.entries(module.output)) if (!o.description) problem(`${module.dir}: output "${name}"`, "has no description");
}

async function checkModuleCalls(module, loaded) {
  for (const [name, [call]] of Object.entries(module.module)) {
    const where = `${module.dir}: module "${name}"`;
    if (typeof call.source !== "string" || !call.source.startsWith(".")) { problem(where, "source must be a local path here"); continue; }
    const child = loaded(path.resolve(module.dir, call.source));
    if (!child) { problem(where, `no module at ${call.source}`); continue; }
    for (const arg of Object.keys(call)) if (!moduleMeta.has(arg) && !(arg in child.variable)) problem(where, `passes "${arg}", which ${call.source} does not declare`);
    for (const [v, [decl]] of Object.entries(child.variable)) if (!("default" in decl) && !(v in call)) problem(where, `does not pass required variable "${v}"`);
  }
}

function checkVersions(module) {
  const where = `${module.dir}: terraform`;
  const required = Object.assign({}, ...module.terraform.flatMap(t => t.required_providers ?? []));
  if (!module.terraform.some(t => t.required_version)) problem(where, "no required_version");
  const used = new Set([...Object.keys(module.resource), ...Object.keys(module.data)].filter(t => !(t in builtin)).map(t => t.split("_")[0]));
  for (const p of used) {
    if (!required[p]) problem(where, `provider ${p} is used but not in required_providers`);
    else if (!required[p].version || !required[p].source) problem(where, `provider ${p} has no pinned version constraint and source`);
  }
}

// The gateway modules repeat the manifest's variables (a module cannot import another's declarations): the ones
// they share must keep one type and one set of validations, or the same tfvars would pass one and fail another.
// site_provider, mesh_kind and platform differ on purpose: each module accepts only its own provider, meshes and
// platforms; local_cidrs (not from the manifest) is only needed by some platforms of each module.
const perModule = new Set(["site_provider", "mesh_kind", "platform", "local_cidrs"]);

function checkSharedVariables(gatewayModules) {
  if (gatewayModules.length < 2) return;
  const shared = Object.keys(gatewayModules[0].variable).filter(v => !perModule.has(v) && gatewayModules.every(m => v in m.variable));
  for (const name of shared) {
    const shapes = gatewayModules.map(m => {
      const [decl] = m.variable[name];
      return JSON.stringify({ type: decl.type, default: decl.default, validation: decl.validation });
    });
    if (new Set(shapes).size > 1) problem(`variable "${name}"`, `declared differently in ${gatewayModules.map(m => path.basename(m.dir)).join(", ")}`);
  }
}

async function checkModules(root) {
  const schemas = loadSchemas();
  const dirs = [];
  (function walk(dir) {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some(e => e.isFile() && e.name.endsWith(".tf"))) dirs.push(dir);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".")) walk(path.join(dir, e.name));
  })(path.resolve(root));
  const modules = new Map();
  for (const dir of dirs) modules.set(dir, await loadModule(dir));
  const loaded = dir => modules.get(dir) ?? null;
  let resources = 0;
  for (const module of modules.values()) {
    const outputsOf = name => {
      const source = module.module[name]?.[0]?.source;
      return typeof source === "string" ? loaded(path.resolve(module.dir, source))?.output ?? null : null;
    };
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(module[kind])) {
        const schema = schemaOf(schemas, kind, type);
        for (const [name, bodies] of Object.entries(byName)) {
          const where = `${module.dir}: ${kind === "data" ? "data." : ""}${type}.${name}`;
          resources++;
          if (!schema) { problem(where, `${type} is not a ${kind} type of the pinned providers`); continue; }
          for (const body of bodies) checkBody(body, schema, where);
        }
      }
    }
    for (const [name, json] of Object.entries(module.files)) checkReferences(module, schemas, outputsOf, `${module.dir}/${name}`, json);
    checkVariables(module);
    await checkModuleCalls(module, loaded);
    checkVersions(module);
  }
  checkSharedVariables([...modules.values()].filter(m => path.basename(path.dirname(m.dir)) === "modules"));
  return `${modules.size} modules, ${resources} resources and data sources`;
}

// ----- tfvars -----

async function checkTfvars(dir, files, loaded = {}) {
  const module = await loadModule(path.resolve(dir));
  loaded.module = module;
  const values = {};
  const origin = {};
  for (const file of files) {
    let json;
    try { json = JSON.parse(fs.readFileSync(file, "utf8")); } catch (e) { problem(file, `not JSON: ${e.message}`); continue; }
    for (const [name, value] of Object.entries(json)) { values[name] = value; origin[name] = file; }
  }
  const types = {};
  const vars = {};
  for (const [name, [decl]] of Object.entries(module.variable)) {
    types[name] = parseType(unwrap(decl.type));
    if ("default" in decl) vars[name] = withOptionalNulls(types[name], decl.default);
    else if (!(name in values)) problem(files.join(" + "), `required variable "${name}" is not set`);
  }
  for (const [name, value] of Object.entries(values)) {
    const file = origin[name];
    if (!(name in module.variable)) { problem(file, `"${name}" is not a variable of ${dir}`); continue; }
    const errors = typeErrors(types[name], value, `${file}: ${name}`);
    problems.push(...errors);
    if (errors.length === 0) vars[name] = withOptionalNulls(types[name], value);
  }
  let evaluated = 0;
  for (const [name, [decl]] of Object.entries(module.variable)) {
    if (!(name in vars)) continue;
    for (const validation of decl.validation ?? []) {
      evaluated++;
      let ok;
      try { ok = evaluate(parseExpression(unwrap(validation.condition)), { var: vars }) === true; } catch (e) {
        if (e instanceof Unsupported) { problem(`${dir}: variable "${name}"`, `cannot evaluate its validation: ${e.message}`); continue; }
        ok = false;
      }
      if (!ok) problem(`${origin[name] ?? `${dir} (default)`}: ${name}`, `fails validation: ${validation.error_message}`);
    }
  }
  loaded.vars = vars;
  return `${Object.keys(values).length} values, ${evaluated} validations`;
}

async function evalExpressions(dir, files, expressions) {
  const loaded = {};
  const summary = await checkTfvars(dir, files, loaded);
  if (problems.length > 0) return summary;
  const scope = moduleScope(loaded.module, loaded.vars);
  const results = {};
  for (const text of expressions) {
    try { results[text] = evaluate(parseExpression(text), scope); } catch (e) { problem(`eval ${text}`, e.message); }
  }
  output.push(JSON.stringify(results, null, 2));
  return `${summary}, ${expressions.length} expressions`;
}

const usage = "usage: node check.mjs modules DIR | tfvars MODULE_DIR FILE... | eval MODULE_DIR FILE... -- EXPR...";

// What a check printed on stdout (eval's JSON); reset with problems by each check().
const output = [];

/** Runs one check, as the command line <args> asks: its exit code and what it prints on stdout and stderr. */
export async function check(args) {
  problems.length = 0;
  output.length = 0;
  const [command, ...rest] = args;
  let summary;
  if (command === "modules" && rest.length === 1) summary = await checkModules(rest[0]);
  else if (command === "tfvars" && rest.length >= 2) summary = await checkTfvars(rest[0], rest.slice(1));
  else if (command === "eval" && rest.indexOf("--") >= 2) summary = await evalExpressions(rest[0], rest.slice(1, rest.indexOf("--")), rest.slice(rest.indexOf("--") + 1));
  else return { exit: 2, stdout: "", stderr: `${usage}\n` };
  const stderr = [...problems];
  const line = `${problems.length === 0 ? "ok" : `${problems.length} problem(s)`}: ${summary}`;
  (command === "eval" ? stderr : output).push(line);
  const text = lines => lines.map(l => `${l}\n`).join("");
  return { exit: problems.length === 0 ? 0 : 1, stdout: text(output), stderr: text(stderr) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { exit, stdout, stderr } = await check(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exit(exit);
}

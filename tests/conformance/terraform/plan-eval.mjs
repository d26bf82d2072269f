// Evaluates a module's locals and resource bodies for given variable values, as `terraform plan` would before
// it calls any provider: what every resource would be created with, resource attributes left unknown. It reads
// hcl2json's output: expressions are "${...}" strings, heredocs template strings with %{for}/%{if} directives.
// Used by `check.mjs eval`, so tests can assert on what a module creates for a rendered site.
import { evaluate, parseExpression, templateEnd, Unknown, Unsupported } from "./hcl-expr.mjs";

const meta = new Set(["lifecycle", "depends_on", "provider", "provisioner", "connection", "count", "for_each", "dynamic"]);

// ----- templates -----

/** hcl2json's string <text> as template parts: literals, interpolations and directives (with ~ strip markers). */
function parseTemplate(text) {
  const parts = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i) || text.startsWith("%%{", i)) { literal += text.slice(i + 1, i + 3); i += 3; continue; }
    if (text.startsWith("${", i) || text.startsWith("%{", i)) {
      const end = templateEnd(text, i + 2);
      let body = text.slice(i + 2, end - 1);
      const stripBefore = body.startsWith("~");
      const stripAfter = body.endsWith("~");
      body = body.slice(stripBefore ? 1 : 0, stripAfter ? -1 : undefined).trim();
      parts.push({ literal, stripBefore });
      literal = "";
      parts.push(text[i] === "$" ? { expr: parseExpression(body), stripAfter } : { directive: body, stripAfter });
      i = end;
      continue;
    }
    literal += text[i++];
  }
  parts.push({ literal, stripBefore: false });
  // Apply the strip markers to the neighbouring literals.
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if ("literal" in p) {
      if (parts[k + 1]?.stripBefore ?? false) p.literal = p.literal.replace(/\s+$/, "");
      if (k > 0 && parts[k - 1].stripAfter) p.literal = p.literal.replace(/^\s+/, "");
    }
  }
  // Drop the stripBefore markers now carried by the literals, and nest the directives.
  const items = parts.map(p => ("literal" in p ? p.literal : p)).filter(p => p !== "");
  let pos = 0;
  function block(ends) {
    const out = [];
    while (pos < items.length) {
      const item = items[pos];
      if (typeof item === "string" || item.expr) { out.push(item); pos++; continue; }
      const word = item.directive.split(/\s+/)[0];
      if (ends.includes(word)) return out;
      pos++;
      if (word === "for") {
        const m = /^for\s+(?:(\w+)\s*,\s*)?(\w+)\s+in\s+(.+)$/s.exec(item.directive);
        if (!m) throw new Unsupported(`template directive ${item.directive}`);
        const body = block(["endfor"]);
        pos++;
        out.push({ for: { key: m[1] ?? null, value: m[2], coll: parseExpression(m[3]) }, body });
      } else if (word === "if") {
        const cond = parseExpression(item.directive.slice(2).trim());
        const yes = block(["else", "endif"]);
        let no = [];
        if (items[pos].directive === "else") { pos++; no = block(["endif"]); }
        pos++;
        out.push({ if: cond, yes, no });
      } else throw new Unsupported(`template directive ${item.directive}`);
    }
    return out;
  }
  return block([]);
}

function renderTemplate(nodes, scope) {
  let out = "";
  for (const n of nodes) {
    if (typeof n === "string") out += n;
    else if (n.expr) {
      const v = evaluate(n.expr, scope);
      out += v instanceof Unknown ? v.toString() : typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : (() => { throw new Unsupported(`interpolating ${JSON.stringify(v)}`); })();
    } else if (n.for) {
      const coll = evaluate(n.for.coll, scope);
      const pairs = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.keys(coll).sort().map(k => [k, coll[k]]);
      for (const [k, v] of pairs) out += renderTemplate(n.body, { ...scope, [n.for.value]: v, ...(n.for.key ? { [n.for.key]: k } : {}) });
    } else out += renderTemplate(evaluate(n.if, scope) === true ? n.yes : n.no, scope);
  }
  return out;
}

/** A value of hcl2json's output (string, list, object) evaluated in <scope>. */
export function evaluateValue(value, scope) {
  if (typeof value === "string") {
    const nodes = parseTemplate(value);
    if (nodes.length === 1 && nodes[0].expr) return evaluate(nodes[0].expr, scope); // "${expr}": the value itself
    return renderTemplate(nodes, scope);
  }
  if (Array.isArray(value)) return value.map(v => evaluateValue(v, scope));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !meta.has(k)).map(([k, v]) => [k, evaluateValue(v, scope)]));
  }
  return value;
}

// ----- resources -----

/** An instance whose every attribute is known only after apply. */
function unknownInstance(label) {
  return new Proxy({}, { get: (_, attr) => new Unknown(`${label}.${String(attr)}`), has: () => true });
}

/** Evaluates <body> (one instance) including its dynamic blocks. */
function evaluateBody(body, scope) {
  const out = evaluateValue(body, scope);
  // Nested blocks first (they may hold dynamic blocks too), then the dynamic blocks appended to them.
  for (const [k, v] of Object.entries(body)) {
    if (!meta.has(k) && Array.isArray(v) && v.length > 0 && v.every(x => x && typeof x === "object" && !Array.isArray(x))) {
      out[k] = v.map(x => evaluateBody(x, scope));
    }
  }
  for (const [blockName, dynamics] of Object.entries(body.dynamic?.[0] ?? body.dynamic ?? {})) {
    for (const d of dynamics) {
      const coll = evaluateValue(d.for_each, scope);
      if (coll instanceof Unknown) throw new Unsupported(`dynamic "${blockName}": for_each known only after apply`);
      const iterator = d.iterator ?? blockName;
      const pairs = Array.isArray(coll) ? coll.map((x, i) => [i, x]) : Object.keys(coll).sort().map(key => [key, coll[key]]);
      for (const [key, value] of pairs) {
        for (const content of d.content ?? []) {
          (out[blockName] ??= []).push(evaluateBody(content, { ...scope, [iterator]: { key, value } }));
        }
      }
    }
  }
  return out;
}

/**
 * The instances <body> expands to: null without count/for_each is one instance; count gives a list, for_each a
 * map. <make> turns one instance's scope into its value.
 */
function instances(body, scope, make) {
  if ("count" in body) {
    const n = evaluateValue(body.count, scope);
    if (typeof n !== "number") throw new Unsupported("count known only after apply");
    return Array.from({ length: n }, (_, index) => make({ ...scope, count: { index } }));
  }
  if ("for_each" in body) {
    const coll = evaluateValue(body.for_each, scope);
    if (coll instanceof Unknown) throw new Unsupported("for_each known only after apply");
    const entries = Array.isArray(coll) ? coll.map(x => [x, x]) : Object.entries(coll);
    return Object.fromEntries(entries.map(([key, value]) => [key, make({ ...scope, each: { key, value } })]));
  }
  return make(scope);
}

/** The scope a module's expressions see: var, local (evaluated on use), resources and data sources. */
export function moduleScope(module, vars) {
  const scope = { var: vars, local: {}, resource: {}, data: {}, data_source: {}, path: unknownInstance("path") };
  const memo = new Map();
  const lazy = (target, name, compute) => Object.defineProperty(target, name, {
    enumerable: true,
    get: () => {
      if (!memo.has(target) || !memo.get(target).has(name)) {
        if (!memo.has(target)) memo.set(target, new Map());
        memo.get(target).set(name, compute());
      }
      return memo.get(target).get(name);
    },
  });
  for (const name of Object.keys(module.locals)) lazy(scope.local, name, () => evaluateValue(module.locals[name], scope));
  for (const [kind, root] of [["resource", scope], ["data", scope.data]]) {
    for (const [type, byName] of Object.entries(module[kind])) {
      const references = root[type] ?? (root[type] = {});
      const bodies = kind === "resource" ? (scope.resource[type] = {}) : (scope.data_source[type] = {});
      for (const [name, [body]] of Object.entries(byName)) {
        const label = `${kind === "data" ? "data." : ""}${type}.${name}`;
        lazy(references, name, () => instances(body, scope, () => unknownInstance(label)));
        lazy(bodies, name, () => instances(body, scope, s => evaluateBody(body, s)));
      }
    }
  }
  return scope;
}

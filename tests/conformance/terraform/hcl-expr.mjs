// A small evaluator for the subset of HCL expressions the modules' type constraints and validation blocks use:
// literals, lists, objects, var.x, attribute and index access, operators, conditionals, [for ...] and the
// functions below, plus string templates ("a-${x}"), splats (x[*].y) and values known only after apply
// (resource attributes: Unknown, which propagates). Anything outside the subset throws "unsupported", so a
// validation the checker cannot evaluate is reported, never skipped.

export class Unsupported extends Error {}
export class EvalError extends Error {}

/** A value Terraform knows only after apply (a resource's attribute); anything computed from it is unknown too. */
export class Unknown {
  constructor(what) { this.what = what; }
  toString() { return `(known after apply: ${this.what})`; }
  toJSON() { return this.toString(); }
}
const isUnknown = v => v instanceof Unknown;

/** The end (index after the closing brace) of the ${...} or %{...} whose body starts at <i> in <text>. */
export function templateEnd(text, i) {
  let depth = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\") i++;
        else if (text.startsWith("${", i)) { i = templateEnd(text, i + 2); continue; }
        i++;
      }
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
    i++;
  }
  throw new Unsupported("unterminated template interpolation");
}

const punct = ["==", "!=", "<=", ">=", "&&", "||", "=>", "...", "(", ")", "[", "]", "{", "}", ",", ".", "?", ":", "=", "!", "<", ">", "+", "-", "*", "/", "%"];

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    // Comments: hcl2json keeps an expression's source text, comments included.
    if (c === "#" || text.startsWith("//", i)) { while (i < text.length && text[i] !== "\n") i++; continue; }
    if (text.startsWith("/*", i)) { const end = text.indexOf("*/", i + 2); i = end < 0 ? text.length : end + 2; continue; }
    if (c === '"') {
      let s = "";
      const parts = [];
      i++;
      while (text[i] !== '"') {
        if (i >= text.length) throw new Unsupported("unterminated string");
        if (text[i] === "\\") {
          const n = text[i + 1];
          s += n === "n" ? "\n" : n === "t" ? "\t" : n;
          i += 2;
        } else if (text.startsWith("$${", i)) { s += "${"; i += 3; }
        else if (text.startsWith("${", i)) {
          const end = templateEnd(text, i + 2);
          if (s) parts.push(s);
          s = "";
          parts.push({ expr: text.slice(i + 2, end - 1) });
          i = end;
        } else s += text[i++];
      }
      i++;
      if (parts.length === 0) tokens.push({ t: "str", v: s });
      else { if (s) parts.push(s); tokens.push({ t: "tmpl", parts }); }
      continue;
    }
    const num = /^[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i));
    if (num) { tokens.push({ t: "num", v: Number(num[0]) }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i));
    if (id) { tokens.push({ t: "id", v: id[0] }); i += id[0].length; continue; }
    const p = punct.find(q => text.startsWith(q, i));
    if (!p) throw new Unsupported(`character '${c}'`);
    tokens.push({ t: "p", v: p });
    i += p.length;
  }
  tokens.push({ t: "eof" });
  return tokens;
}

// ----- parser: a Pratt parser producing a small AST -----

const binary = { "||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, "<=": 4, ">": 4, ">=": 4, "+": 5, "-": 5, "*": 6, "/": 6, "%": 6 };

export function parseExpression(text) {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isP = v => peek().t === "p" && peek().v === v;
  const expect = v => { const t = next(); if (t.t !== "p" || t.v !== v) throw new Unsupported(`expected '${v}' in ${text}`); };

  function expression() {
    const cond = binaryExpr(0);
    if (isP("?")) {
      next();
      const yes = expression();
      expect(":");
      return { k: "cond", cond, yes, no: expression() };
    }
    return cond;
  }
  function binaryExpr(min) {
    let left = unary();
    while (peek().t === "p" && binary[peek().v] > min) {
      const op = next().v;
      left = { k: "bin", op, left, right: binaryExpr(binary[op]) };
    }
    return left;
  }
  function unary() {
    if (isP("!")) { next(); return { k: "not", e: unary() }; }
    if (isP("-")) { next(); return { k: "neg", e: unary() }; }
    return postfix(primary());
  }
  function postfix(e) {
    for (;;) {
      if (isP(".")) { next(); const t = next(); e = { k: "get", e, name: t.t === "num" ? t.v : t.v }; continue; }
      if (isP("[") && tokens[pos + 1].t === "p" && tokens[pos + 1].v === "*") {
        next(); next(); expect("]");
        const path = [];
        while (isP(".")) { next(); path.push(next().v); }
        e = { k: "splat", e, path };
        continue;
      }
      if (isP("[")) { next(); const i = expression(); expect("]"); e = { k: "index", e, i }; continue; }
      return e;
    }
  }
  function forExpr(close) {
    next(); // for
    let key = null;
    let value = next().v;
    if (isP(",")) { next(); key = value; value = next().v; }
    if (next().v !== "in") throw new Unsupported("for without in");
    const coll = expression();
    expect(":");
    const body = expression();
    let cond = null;
    if (peek().t === "id" && peek().v === "if") { next(); cond = expression(); }
    expect(close);
    return { k: "for", key, value, coll, body, cond };
  }
  function primary() {
    const t = next();
    if (t.t === "num" || t.t === "str") return { k: "lit", v: t.v };
    if (t.t === "tmpl") return { k: "tmpl", parts: t.parts.map(p => (typeof p === "string" ? p : parseExpression(p.expr))) };
    if (t.t === "p" && t.v === "(") { const e = expression(); expect(")"); return e; }
    if (t.t === "p" && t.v === "[") {
      if (peek().t === "id" && peek().v === "for") return forExpr("]");
      const items = [];
      while (!isP("]")) { items.push(expression()); if (isP(",")) next(); }
      next();
      return { k: "list", items };
    }
    if (t.t === "p" && t.v === "{") {
      if (peek().t === "id" && peek().v === "for") throw new Unsupported("object for expressions");
      const entries = [];
      while (!isP("}")) {
        const keyToken = next();
        if (keyToken.t !== "id" && keyToken.t !== "str") throw new Unsupported("object key");
        if (!isP("=") && !isP(":")) throw new Unsupported("object entry");
        next();
        entries.push([keyToken.v, expression()]);
        if (isP(",")) next();
      }
      next();
      return { k: "obj", entries };
    }
    if (t.t === "id") {
      if (t.v === "true" || t.v === "false") return { k: "lit", v: t.v === "true" };
      if (t.v === "null") return { k: "lit", v: null };
      if (isP("(")) {
        next();
        const args = [];
        while (!isP(")")) { args.push(expression()); if (isP(",")) next(); }
        next();
        return { k: "call", name: t.v, args };
      }
      return { k: "name", name: t.v };
    }
    throw new Unsupported(`unexpected ${t.v ?? t.t} in ${text}`);
  }
  const e = expression();
  if (peek().t !== "eof") throw new Unsupported(`trailing input in ${text}`);
  return e;
}

// ----- evaluator -----

function cidrValid(c) {
  if (typeof c !== "string") return false;
  const [ip, bits, extra] = c.split("/");
  if (extra !== undefined || !/^[0-9]+$/.test(bits ?? "")) return false;
  if (ip.includes(":")) return Number(bits) <= 128 && /^[0-9a-fA-F:.]+$/.test(ip) && ip.split("::").length <= 2;
  const parts = ip.split(".");
  return Number(bits) <= 32 && parts.length === 4 && parts.every(p => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

const functions = {
  can: () => { throw new Error("can is special"); },
  regex: (pattern, s) => {
    if (typeof s !== "string") throw new EvalError("regex: not a string");
    // RE2 and JavaScript agree on the classes, anchors and quantifiers the modules use.
    const m = new RegExp(pattern, "u").exec(s);
    if (!m) throw new EvalError(`regex: no match for ${pattern}`);
    return m[0];
  },
  contains: (list, v) => list.some(x => JSON.stringify(x) === JSON.stringify(v)),
  length: v => (typeof v === "string" ? [...v].length : Array.isArray(v) ? v.length : Object.keys(v ?? {}).length),
  alltrue: list => list.every(x => x === true),
  anytrue: list => list.some(x => x === true),
  distinct: list => list.filter((x, i) => list.findIndex(y => JSON.stringify(y) === JSON.stringify(x)) === i),
  floor: n => Math.floor(n),
  startswith: (s, p) => s.startsWith(p),
  endswith: (s, p) => s.endsWith(p),
  lower: s => s.toLowerCase(),
  keys: m => Object.keys(m).sort(),
  values: m => Object.keys(m).sort().map(k => m[k]),
  concat: (...lists) => lists.flat(1),
  cidrhost: (c, n) => { if (!cidrValid(c)) throw new EvalError(`cidrhost: invalid CIDR ${c}`); return `${c.split("/")[0]}+${n}`; },
  // Used by the modules' locals and resources (check.mjs eval), not by validations.
  join: (sep, list) => list.map(String).join(sep),
  tostring: v => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : fail("tostring: not a primitive")),
  tonumber: v => { const n = Number(v); if (Number.isNaN(n)) fail(`tonumber: ${v}`); return n; },
  merge: (...maps) => Object.assign({}, ...maps),
  dirname: p => p.replace(/\/[^/]*$/, "") || "/",
  strcontains: (s, sub) => s.includes(sub),
  coalesce: (...vs) => { const v = vs.find(x => x !== null && x !== ""); if (v === undefined) fail("coalesce: no non-null argument"); return v; },
  jsonencode: v => JSON.stringify(v),
  jsondecode: s => JSON.parse(s),
  toset: list => [...new Set(list.map(x => JSON.stringify(x)))].sort().map(x => JSON.parse(x)),
  one: list => { if (list.length > 1) fail("one: more than one element"); return list.length ? list[0] : null; },
  sort: list => [...list].sort(),
  substr: (s, offset, length) => [...s].slice(offset, length < 0 ? undefined : offset + length).join(""),
  trimprefix: (s, p) => (s.startsWith(p) ? s.slice(p.length) : s),
  trimsuffix: (s, p) => (s.endsWith(p) ? s.slice(0, s.length - p.length) : s),
  split: (sep, s) => s.split(sep),
  replace: (s, a, b) => s.split(a).join(b),
  lookup: (m, k, d) => (k in m ? m[k] : d),
};

function fail(message) { throw new EvalError(message); }

/** Terraform's string form of a template interpolation's value. */
function templateString(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isUnknown(v)) return v.toString();
  throw new EvalError(`cannot interpolate ${JSON.stringify(v)} into a string`);
}

export function evaluate(node, scope) {
  switch (node.k) {
    case "lit": return node.v;
    case "list": return node.items.map(i => evaluate(i, scope));
    case "obj": return Object.fromEntries(node.entries.map(([k, v]) => [k, evaluate(v, scope)]));
    case "name":
      if (!(node.name in scope)) throw new Unsupported(`unknown name ${node.name}`);
      return scope[node.name];
    case "tmpl": {
      const values = node.parts.map(p => (typeof p === "string" ? p : evaluate(p, scope)));
      const unknown = values.find(isUnknown);
      return unknown ?? values.map(templateString).join("");
    }
    case "splat": {
      const o = evaluate(node.e, scope);
      if (isUnknown(o)) return o;
      const list = o === null ? [] : Array.isArray(o) ? o : [o];
      return list.map(item => node.path.reduce((v, name) => (isUnknown(v) ? v : v[name]), item));
    }
    case "get": {
      const o = evaluate(node.e, scope);
      if (isUnknown(o)) return o;
      if (o === null || typeof o !== "object" || !(node.name in o)) throw new EvalError(`no attribute ${node.name}`);
      return o[node.name];
    }
    case "index": {
      const o = evaluate(node.e, scope);
      const i = evaluate(node.i, scope);
      if (isUnknown(o)) return o;
      if (isUnknown(i)) return i;
      if (o === null || o === undefined || !(i in o)) throw new EvalError(`no element ${i}`);
      return o[i];
    }
    case "not": return !truthy(evaluate(node.e, scope));
    case "neg": return -evaluate(node.e, scope);
    case "cond": {
      const c = evaluate(node.cond, scope);
      if (isUnknown(c)) return c;
      return truthy(c) ? evaluate(node.yes, scope) : evaluate(node.no, scope);
    }
    case "bin": {
      // Terraform before 1.12 evaluates both operands: `var.x == null || length(var.x) > 0` fails on null, so a
      // module that allows 1.9 must guard with can() or a conditional, and the checker must not hide that.
      if (node.op === "&&" || node.op === "||") {
        const left = truthy(evaluate(node.left, scope));
        const right = truthy(evaluate(node.right, scope));
        return node.op === "&&" ? left && right : left || right;
      }
      const a = evaluate(node.left, scope);
      const b = evaluate(node.right, scope);
      if (isUnknown(a)) return a;
      if (isUnknown(b)) return b;
      switch (node.op) {
        case "==": return JSON.stringify(a) === JSON.stringify(b);
        case "!=": return JSON.stringify(a) !== JSON.stringify(b);
        case "<": return num(a) < num(b);
        case "<=": return num(a) <= num(b);
        case ">": return num(a) > num(b);
        case ">=": return num(a) >= num(b);
        case "+": return num(a) + num(b);
        case "-": return num(a) - num(b);
        case "*": return num(a) * num(b);
        case "/": return num(a) / num(b);
        case "%": return num(a) % num(b);
      }
      throw new Unsupported(node.op);
    }
    case "for": {
      const coll = evaluate(node.coll, scope);
      const pairs = Array.isArray(coll) ? coll.map((v, i) => [i, v]) : Object.keys(coll).sort().map(k => [k, coll[k]]);
      const out = [];
      for (const [k, v] of pairs) {
        const inner = { ...scope, [node.value]: v, ...(node.key ? { [node.key]: k } : {}) };
        if (node.cond && !truthy(evaluate(node.cond, inner))) continue;
        out.push(evaluate(node.body, inner));
      }
      return out;
    }
    case "call": {
      if (node.name === "can") {
        try { evaluate(node.args[0], scope); return true; } catch (e) { if (e instanceof EvalError) return false; throw e; }
      }
      const f = functions[node.name];
      if (!f) throw new Unsupported(`function ${node.name}`);
      const args = node.args.map(a => evaluate(a, scope));
      const unknown = args.find(isUnknown);
      if (unknown && node.name !== "jsonencode") return unknown;
      // Terraform's functions refuse null arguments (coalesce, merge and jsonencode excepted).
      if (!["coalesce", "merge", "jsonencode", "lookup"].includes(node.name) && args.some(a => a === null || a === undefined)) throw new EvalError(`${node.name}: argument must not be null`);
      try {
        return f(...args);
      } catch (e) {
        if (e instanceof Unsupported || e instanceof EvalError) throw e;
        throw new EvalError(`${node.name}: ${e.message}`);
      }
    }
  }
  throw new Unsupported(node.k);
}

function truthy(v) {
  if (typeof v !== "boolean") throw new EvalError(`a condition is ${JSON.stringify(v)}, not a bool`);
  return v;
}

function num(v) {
  if (typeof v !== "number") throw new EvalError(`${JSON.stringify(v)} is not a number`);
  return v;
}

/** The expression inside a whole-string "${...}" of hcl2json's output, or null for a literal string. */
export function unwrap(value) {
  if (typeof value !== "string" || !value.startsWith("${") || !value.endsWith("}")) return null;
  return value.slice(2, -1);
}

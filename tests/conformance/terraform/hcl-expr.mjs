// A small evaluator for the subset of HCL expressions the modules' type constraints and validation blocks use:
// literals, lists, objects, var.x, attribute and index access, operators, conditionals, [for ...] and the
// functions below. Anything outside the subset throws "unsupported", so a validation the checker cannot
// evaluate is reported, never skipped.

export class Unsupported extends Error {}
export class EvalError extends Error {}

const punct = ["==", "!=", "<=", ">=", "&&", "||", "=>", "...", "(", ")", "[", "]", "{", "}", ",", ".", "?", ":", "=", "!", "<", ">", "+", "-", "*", "/", "%"];

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"') {
      let s = "";
      i++;
      while (text[i] !== '"') {
        if (i >= text.length) throw new Unsupported("unterminated string");
        if (text[i] === "\\") {
          const n = text[i + 1];
          s += n === "n" ? "\n" : n === "t" ? "\t" : n;
          i += 2;
        } else if (text.startsWith("${", i)) throw new Unsupported("string templates");
        else s += text[i++];
      }
      i++;
      tokens.push({ t: "str", v: s });
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
};

export function evaluate(node, scope) {
  switch (node.k) {
    case "lit": return node.v;
    case "list": return node.items.map(i => evaluate(i, scope));
    case "obj": return Object.fromEntries(node.entries.map(([k, v]) => [k, evaluate(v, scope)]));
    case "name":
      if (!(node.name in scope)) throw new Unsupported(`unknown name ${node.name}`);
      return scope[node.name];
    case "get": {
      const o = evaluate(node.e, scope);
      if (o === null || typeof o !== "object" || !(node.name in o)) throw new EvalError(`no attribute ${node.name}`);
      return o[node.name];
    }
    case "index": {
      const o = evaluate(node.e, scope);
      const i = evaluate(node.i, scope);
      if (o === null || o === undefined || !(i in o)) throw new EvalError(`no element ${i}`);
      return o[i];
    }
    case "not": return !truthy(evaluate(node.e, scope));
    case "neg": return -evaluate(node.e, scope);
    case "cond": return truthy(evaluate(node.cond, scope)) ? evaluate(node.yes, scope) : evaluate(node.no, scope);
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
      // Terraform's functions refuse null arguments (none of this subset declares AllowNull).
      if (args.some(a => a === null || a === undefined)) throw new EvalError(`${node.name}: argument must not be null`);
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

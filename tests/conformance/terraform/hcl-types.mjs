// Terraform type constraints (string, number, bool, any, list/set/map(T), object({...}) with optional(T[, default]),
// tuple([...])) parsed from the type expression and checked against JSON values, as `terraform plan` would
// check a tfvars file: strictly (no string-to-number conversion; unknown object attributes are errors, as
// they would be silently dropped by Terraform and are then almost always a typo).
import { parseExpression, Unsupported } from "./hcl-expr.mjs";

export function parseType(text) {
  return toType(parseExpression(text));
}

function toType(node) {
  if (node.k === "name" && ["string", "number", "bool", "any"].includes(node.name)) return { kind: node.name };
  if (node.k === "call") {
    const [arg, second] = node.args;
    switch (node.name) {
      case "list": case "set": case "map": return { kind: node.name, of: toType(arg) };
      case "tuple": return { kind: "tuple", items: arg.items.map(toType) };
      case "optional": return { ...toType(arg), optional: true, hasDefault: second !== undefined };
      case "object": return { kind: "object", attrs: Object.fromEntries(arg.entries.map(([k, v]) => [k, toType(v)])) };
    }
  }
  throw new Unsupported(`type ${JSON.stringify(node)}`);
}

/** Every way <value> breaks <type>, each naming the path. */
export function typeErrors(type, value, where) {
  if (value === null) return []; // null is a value of every type; required-ness is Terraform's own check
  const errors = [];
  const is = (ok, what) => { if (!ok) errors.push(`${where}: ${JSON.stringify(value)} is not ${what}`); };
  switch (type.kind) {
    case "any": break;
    case "string": is(typeof value === "string", "a string"); break;
    case "number": is(typeof value === "number", "a number"); break;
    case "bool": is(typeof value === "boolean", "a bool"); break;
    case "list": case "set": case "tuple":
      if (!Array.isArray(value)) { is(false, `a ${type.kind}`); break; }
      if (type.kind === "tuple" && value.length !== type.items.length) { errors.push(`${where}: ${value.length} elements, the tuple has ${type.items.length}`); break; }
      value.forEach((v, i) => errors.push(...typeErrors(type.kind === "tuple" ? type.items[i] : type.of, v, `${where}[${i}]`)));
      break;
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) { is(false, "a map"); break; }
      for (const [k, v] of Object.entries(value)) errors.push(...typeErrors(type.of, v, `${where}["${k}"]`));
      break;
    case "object":
      if (typeof value !== "object" || Array.isArray(value)) { is(false, "an object"); break; }
      for (const [k, t] of Object.entries(type.attrs)) {
        if (!(k in value)) { if (!t.optional) errors.push(`${where}: attribute "${k}" is required`); continue; }
        errors.push(...typeErrors(t, value[k], `${where}.${k}`));
      }
      for (const k of Object.keys(value)) if (!(k in type.attrs)) errors.push(`${where}: unknown attribute "${k}"`);
      break;
  }
  return errors;
}

/** <value> with optional object attributes that are missing filled with null, as Terraform does. */
export function withOptionalNulls(type, value) {
  if (value === null || value === undefined) return value ?? null;
  if (type.kind === "object") return Object.fromEntries(Object.entries(type.attrs).map(([k, t]) => [k, withOptionalNulls(t, value[k])]));
  if ((type.kind === "list" || type.kind === "set") && Array.isArray(value)) return value.map(v => withOptionalNulls(type.of, v));
  if (type.kind === "map") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withOptionalNulls(type.of, v)]));
  return value;
}

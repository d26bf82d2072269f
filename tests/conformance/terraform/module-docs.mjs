// Prints the inputs and outputs tables of a module's README from its variables.tf and outputs.tf.
//   node module-docs.mjs terraform/modules/aws-gateway
import { parse } from "@cdktf/hcl2json";
import fs from "node:fs";
import path from "node:path";
import { unwrap } from "./hcl-expr.mjs";

const dir = process.argv[2];
const read = async name => parse(name, fs.readFileSync(path.join(dir, name), "utf8"));
const variables = (await read("variables.tf")).variable ?? {};
const outputs = (await read("outputs.tf")).output ?? {};
const cell = s => String(s).replace(/\s+/g, " ").replace(/\|/g, "\\|");
const lines = ["## Inputs", "", "| name | type | default | description |", "|---|---|---|---|"];
for (const [name, [v]] of Object.entries(variables)) {
  const type = unwrap(v.type) ?? v.type;
  const fallback = "default" in v ? `\`${cell(JSON.stringify(v.default))}\`` : "required";
  lines.push(`| \`${name}\` | \`${cell(type)}\` | ${fallback} | ${cell(v.description)} |`);
}
lines.push("", "## Outputs", "", "| name | description |", "|---|---|");
for (const [name, [o]] of Object.entries(outputs)) lines.push(`| \`${name}\` | ${cell(o.description)} |`);
console.log(lines.join("\n"));

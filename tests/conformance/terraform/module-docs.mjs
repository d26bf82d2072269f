// Prints the inputs and outputs tables of a module's README from its variables.tf and outputs.tf.
//   node module-docs.mjs terraform/modules/aws-gateway
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unwrap } from "./hcl-expr.mjs";
import { parseHcl } from "./hcl-parse.mjs";

/** The README tables of the module in <dir>. */
export async function moduleDocs(dir) {
  const variables = (await parseHcl(path.join(dir, "variables.tf"))).variable ?? {};
  const outputs = (await parseHcl(path.join(dir, "outputs.tf"))).output ?? {};
  const cell = s => String(s).replace(/\s+/g, " ").replace(/\|/g, "\\|");
  const lines = ["## Inputs", "", "| name | type | default | description |", "|---|---|---|---|"];
  for (const [name, [v]] of Object.entries(variables)) {
    const type = unwrap(v.type) ?? v.type;
    const fallback = "default" in v ? `\`${cell(JSON.stringify(v.default))}\`` : "required";
    lines.push(`| \`${name}\` | \`${cell(type)}\` | ${fallback} | ${cell(v.description)} |`);
  }
  lines.push("", "## Outputs", "", "| name | description |", "|---|---|");
  for (const [name, [o]] of Object.entries(outputs)) lines.push(`| \`${name}\` | ${cell(o.description)} |`);
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await moduleDocs(process.argv[2]));

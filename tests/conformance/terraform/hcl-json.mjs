// Prints one Terraform file as JSON, parsed by HashiCorp's HCL parser (@cdktf/hcl2json), for tests that
// read what a module creates (tests/Federation.Tests/Analysis/AnalyzeGatewayDeploymentTests.cs).
//
//   node hcl-json.mjs FILE.tf
import { fileURLToPath } from "node:url";
import { parseHcl } from "./hcl-parse.mjs";

/** The file as hcl2json's JSON text. */
export async function hclJson(file) {
  return JSON.stringify(await parseHcl(file));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(await hclJson(process.argv[2]));

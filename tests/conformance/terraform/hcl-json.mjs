// Prints one Terraform file as JSON, parsed by HashiCorp's HCL parser (@cdktf/hcl2json), for tests that
// read what a module creates (tests/Federation.Tests/Analyze/AnalyzeGatewayDeploymentTests.cs).
//
//   node hcl-json.mjs FILE.tf
import { parse } from "@cdktf/hcl2json";
import fs from "node:fs";

const [file] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await parse(file, fs.readFileSync(file, "utf8"))));

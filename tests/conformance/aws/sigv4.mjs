// Usage: node sigv4.mjs < request.json
//
// Signs a request with the official SigV4 signer (@smithy/signature-v4, as the AWS SDK for JavaScript v3
// uses it) and prints the signed headers as JSON. Input:
// {method, protocol, hostname, port, path, query: {k: v}, headers: {k: v}, body, region, service,
//  credentials: {accessKeyId, secretAccessKey, sessionToken}, signingDate: "YYYYMMDDTHHMMSSZ"}
// The headers given are the ones the request carries besides the signature's own (authorization,
// x-amz-date and x-amz-security-token are added by the signer).
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { fileURLToPath } from "node:url";

/** The signed headers of the request described by input (the JSON read from stdin). */
export async function sign(input) {
  const d = input.signingDate;
  const signingDate = new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15)));
  const headers = Object.fromEntries(Object.entries(input.headers)
    .filter(([k]) => !["authorization", "x-amz-date", "x-amz-security-token"].includes(k.toLowerCase())));
  const signer = new SignatureV4({ credentials: input.credentials, region: input.region, service: input.service, sha256: Sha256 });
  return (await signer.sign({
    method: input.method, protocol: input.protocol, hostname: input.hostname, port: input.port,
    path: input.path, query: input.query, headers, body: input.body,
  }, { signingDate })).headers;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  console.log(JSON.stringify(await sign(JSON.parse(Buffer.concat(chunks).toString("utf8")))));
}

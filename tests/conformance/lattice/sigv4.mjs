// Usage: node sigv4.mjs < request.json
//
// Signs a request to a VPC Lattice service as the AWS SDK for JavaScript v3 would (@smithy/signature-v4, service
// vpc-lattice-svcs), with an unsigned payload: the request carries x-amz-content-sha256: UNSIGNED-PAYLOAD, which
// the signer takes as the payload hash instead of hashing the body
// (https://docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html). Prints the signed headers
// as JSON. Input:
// {method, protocol, hostname, port, path, query: {k: v | [v...]}, headers: {k: v}, unsignableHeaders: [name...],
//  region, credentials: {accessKeyId, secretAccessKey, sessionToken}, signingDate: "YYYYMMDDTHHMMSSZ"}
// headers are what the request carries besides the signature's own; unsignableHeaders are the ones left out of it.
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { fileURLToPath } from "node:url";

/** The signed headers of the request described by input (the JSON read from stdin). */
export async function sign(input) {
  const d = input.signingDate;
  const signingDate = new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +d.slice(9, 11), +d.slice(11, 13), +d.slice(13, 15)));
  const signer = new SignatureV4({ credentials: input.credentials, region: input.region, service: "vpc-lattice-svcs", sha256: Sha256 });
  return (await signer.sign({
    method: input.method, protocol: input.protocol, hostname: input.hostname, port: input.port,
    path: input.path, query: input.query, headers: { ...input.headers, "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
  }, { signingDate, unsignableHeaders: new Set(input.unsignableHeaders.map((h) => h.toLowerCase())) })).headers;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  console.log(JSON.stringify(await sign(JSON.parse(Buffer.concat(chunks).toString("utf8")))));
}

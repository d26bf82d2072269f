// Usage: AWS_EMF_ENVIRONMENT=Agent AWS_EMF_AGENT_ENDPOINT=tcp://127.0.0.1:PORT AWS_EMF_LOG_GROUP_NAME=G AWS_EMF_NAMESPACE=N \
//        node emf.mjs < entries.json
//
// entries.json: [{ "dimensions": { "Service": "orders", ... }, "metrics": [{ "name", "unit", "values": [..], "storageResolution": 60 | 1 }] }, ...]
// Logs each entry with aws-embedded-metrics (awslabs' official EMF library for Node) through its own logger:
// setDimensions(dimensions) (which also turns off the library's default dimensions LogGroup/ServiceName/ServiceType),
// putMetric once per value, flush. The library's agent sink writes the events, one JSON object per line, to the agent
// endpoint from the environment (the C# test's loopback listener). Prints the number of entries flushed.
import { createMetricsLogger } from "aws-embedded-metrics";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const entries = JSON.parse(Buffer.concat(chunks).toString("utf8"));

for (const entry of entries) {
  const metrics = createMetricsLogger();
  metrics.setDimensions(entry.dimensions);
  for (const metric of entry.metrics)
    for (const value of metric.values) metrics.putMetric(metric.name, value, metric.unit, metric.storageResolution);
  await metrics.flush();
}
console.log(JSON.stringify({ flushed: entries.length }));
// The library's TCP client keeps its socket open (5 s idle timeout); every write has reached the kernel by now.
process.exit(0);

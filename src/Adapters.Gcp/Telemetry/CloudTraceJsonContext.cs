using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>Source-generated serialization of the <c>batchWrite</c> body: camelCase as the REST reference names the fields, no JSON tree per span.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CloudTraceBatchWrite))]
internal sealed partial class CloudTraceJsonContext : JsonSerializerContext;

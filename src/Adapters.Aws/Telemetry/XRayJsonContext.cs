using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// Source-generated serialization of segment documents: no reflection, no JSON tree per span. Values in annotations
/// and metadata are written by their runtime type, each one listed here. Unset fields are left out.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(XRaySegmentDocument))]
[JsonSerializable(typeof(PutTraceSegmentsInput))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(object[]))]
internal sealed partial class XRayJsonContext : JsonSerializerContext;

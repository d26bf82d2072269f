using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>
/// Source-generated serialization of the App Mesh API shapes: camelCase member names (the API's), unset
/// members left out, members in declaration order, so the written JSON is byte-stable.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AppMeshSpec))]
[JsonSerializable(typeof(CreateInput))]
internal sealed partial class AppMeshJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Aws.AppMesh.Controller;

/// <summary>
/// Source-generated serialization of the controller's custom resource specs: camelCase member names, unset
/// members left out, members in declaration order (byte-stable output).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CrdSpec))]
internal sealed partial class ControllerJsonContext : JsonSerializerContext;

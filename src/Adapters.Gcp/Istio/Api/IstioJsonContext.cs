using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// Source-generated serialization of the Istio resource specs: camelCase member names (the API's JSON names),
/// unset members left out, members in declaration order, so the written JSON is byte-stable.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IstioSpec))]
[JsonSerializable(typeof(VirtualServiceSpec))]
[JsonSerializable(typeof(DestinationRuleSpec))]
[JsonSerializable(typeof(ServiceEntrySpec))]
[JsonSerializable(typeof(PeerAuthenticationSpec))]
[JsonSerializable(typeof(RequestAuthenticationSpec))]
[JsonSerializable(typeof(AuthorizationPolicySpec))]
internal sealed partial class IstioJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// The <c>spec</c> of one Istio resource meshfed renders, as Istio's API reference names its fields
/// (istio.io/latest/docs/reference/config/). The derived types are listed without a discriminator, so a spec
/// serialises as exactly its own members.
/// </summary>
/// <remarks>
/// Members are declared in the order meshfed has always written them (the rendered files are byte-stable),
/// which is not always the order of Istio's protos. Members meshfed never sets are left out rather than
/// modelled unused; the conformance test (tests/conformance/istio) checks every rendering against Istio's
/// own CRD schemas.
/// </remarks>
[JsonDerivedType(typeof(VirtualServiceSpec))]
[JsonDerivedType(typeof(DestinationRuleSpec))]
[JsonDerivedType(typeof(ServiceEntrySpec))]
[JsonDerivedType(typeof(PeerAuthenticationSpec))]
[JsonDerivedType(typeof(RequestAuthenticationSpec))]
[JsonDerivedType(typeof(AuthorizationPolicySpec))]
public abstract record IstioSpec
{
    /// <summary><c>networking.istio.io/v1</c>: traffic resources.</summary>
    public const string NetworkingApi = "networking.istio.io/v1";

    /// <summary><c>security.istio.io/v1</c>: policy resources.</summary>
    public const string SecurityApi = "security.istio.io/v1";

    /// <summary>The resource's apiVersion.</summary>
    [JsonIgnore]
    public abstract string ApiVersion { get; }

    /// <summary>The resource's kind.</summary>
    [JsonIgnore]
    public abstract string Kind { get; }
}

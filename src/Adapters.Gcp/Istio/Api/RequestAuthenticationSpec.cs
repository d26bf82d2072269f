using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// A RequestAuthentication (istio.io/latest/docs/reference/config/security/request_authentication/): the
/// end-user tokens the selected workloads validate.
/// </summary>
/// <param name="Selector">The workloads.</param>
/// <param name="JwtRules">The accepted issuers.</param>
public sealed record RequestAuthenticationSpec(WorkloadSelector Selector, IReadOnlyList<JwtRule> JwtRules) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => SecurityApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "RequestAuthentication";
}

/// <summary>One accepted issuer (istio.io/latest/docs/reference/config/security/jwt/#JWTRule).</summary>
/// <param name="Issuer">The <c>iss</c> claim.</param>
/// <param name="JwksUri">Where the signing keys are.</param>
/// <param name="Audiences">Accepted <c>aud</c> values; none: the service's name.</param>
/// <param name="ForwardOriginalToken">Whether the token is passed on to the workload.</param>
public sealed record JwtRule(string Issuer, string JwksUri, IReadOnlyList<string>? Audiences, bool ForwardOriginalToken);

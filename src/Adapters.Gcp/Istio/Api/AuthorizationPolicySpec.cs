using System.Text.Json.Serialization;

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// An AuthorizationPolicy (istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy):
/// requests to the selected workloads that match any rule are allowed (ALLOW) or refused (DENY).
/// </summary>
/// <param name="Selector">The workloads.</param>
/// <param name="Action">What a match does.</param>
/// <param name="Rules">The rules.</param>
public sealed record AuthorizationPolicySpec(WorkloadSelector Selector, AuthorizationAction Action, IReadOnlyList<Rule> Rules) : IstioSpec
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string ApiVersion => SecurityApi;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Kind => "AuthorizationPolicy";
}

/// <summary>authorization-policy/#AuthorizationPolicy-Action, the values meshfed writes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AuthorizationAction>))]
public enum AuthorizationAction
{
    /// <summary>Allow a request only if it matches a rule.</summary>
    [JsonStringEnumMemberName("ALLOW")] Allow,

    /// <summary>Refuse a request that matches a rule.</summary>
    [JsonStringEnumMemberName("DENY")] Deny,
}

/// <summary>
/// A rule (authorization-policy/#Rule): it matches when a source in <c>from</c> and an operation in <c>to</c>
/// match; an absent list matches anything, so an empty rule matches every request.
/// </summary>
/// <param name="From">Who.</param>
/// <param name="To">What.</param>
public sealed record Rule(IReadOnlyList<RuleFrom>? From = null, IReadOnlyList<RuleTo>? To = null);

/// <summary>authorization-policy/#Rule-From.</summary>
/// <param name="Source">The caller.</param>
public sealed record RuleFrom(Source Source);

/// <summary>The caller (authorization-policy/#Source).</summary>
/// <param name="Principals">Peer identities: SPIFFE IDs without <c>spiffe://</c>.</param>
/// <param name="RequestPrincipals">End-user identities (<c>iss/sub</c>); <c>*</c>: any valid token.</param>
public sealed record Source(IReadOnlyList<string>? Principals = null, IReadOnlyList<string>? RequestPrincipals = null);

/// <summary>authorization-policy/#Rule-To.</summary>
/// <param name="Operation">The request.</param>
public sealed record RuleTo(Operation Operation);

/// <summary>The request (authorization-policy/#Operation).</summary>
/// <param name="Methods">HTTP methods.</param>
/// <param name="Paths">Paths (exact, <c>prefix*</c> or <c>*suffix</c>).</param>
public sealed record Operation(IReadOnlyList<string>? Methods = null, IReadOnlyList<string>? Paths = null);

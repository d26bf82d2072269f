namespace MeshFed.Model;

/// <summary>
/// One authorization rule: requests from these callers, with these methods, to these paths are allowed.
/// When a service has allow rules, everything they do not allow is denied.
/// </summary>
public sealed record AllowRule
{
    /// <summary>Callers: service names (<c>frontend</c>, <c>shop/frontend</c>) or SPIFFE IDs. Empty means any authenticated caller.</summary>
    public IReadOnlyList<string> From { get; init; } = [];

    /// <summary>HTTP methods (upper case); empty means any.</summary>
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Paths, exact or with one leading or trailing <c>*</c> (Istio semantics); empty means any.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];
}

namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// A string. <see cref="Pattern"/> is the JSON Schema form of the check the binder makes (it may make it in code,
/// as for trust domains and SPIFFE IDs; tests prove the two agree).
/// </summary>
internal sealed record TextRule(string? Pattern = null, int? MinLength = null, int? MaxLength = null) : ValueRule
{
    /// <summary>Any string.</summary>
    public static TextRule Any { get; } = new();

    /// <summary>A string that is not empty.</summary>
    public static TextRule NotEmpty { get; } = new(MinLength: 1);

    /// <summary>A SPIFFE trust domain (<see cref="TrustDomains.IsValid"/>, which the binders call with their own hint).</summary>
    public static TextRule TrustDomain { get; } = new(TrustDomains.Pattern, MaxLength: TrustDomains.MaxLength);
}

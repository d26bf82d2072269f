namespace MeshFed.Model;

/// <summary>Transport security, authorization and end-user authentication of a service.</summary>
public sealed record SecurityPolicy
{
    /// <summary>Strict mTLS, no allow rules, no JWT.</summary>
    public static SecurityPolicy Default { get; } = new();

    /// <summary>mTLS mode; strict unless said otherwise.</summary>
    public MtlsMode Mtls { get; init; } = MtlsMode.Strict;

    /// <summary>Allow rules; empty means every caller that passes mTLS is allowed.</summary>
    public IReadOnlyList<AllowRule> Allow { get; init; } = [];

    /// <summary>JWT requirements, if any.</summary>
    public JwtPolicy? Jwt { get; init; }
}

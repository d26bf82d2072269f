namespace MeshFed.Gateway.Trust;

/// <summary>What <see cref="PeerVerifier"/> checks a presented certificate against.</summary>
/// <param name="Trust">This gateway's trust material: the roots and the pinned site intermediates.</param>
/// <param name="TrustDomain">The federation's trust domain.</param>
/// <param name="IsKnownSite">Whether a site name is declared in the manifest in force.</param>
/// <param name="Role">Which end the certificate is on (decides the required EKU).</param>
/// <param name="ExpectedSite">When set (the client side, or a self-check), the only site accepted.</param>
/// <param name="At">When the chain must be valid: the gateway's <see cref="TimeProvider"/> now (null: the system clock).</param>
public sealed record PeerRequirements(TrustMaterial Trust, string TrustDomain, Func<string, bool> IsKnownSite, PeerRole Role, string? ExpectedSite = null, DateTimeOffset? At = null);

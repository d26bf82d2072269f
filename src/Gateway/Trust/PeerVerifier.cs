using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Decides whether a certificate presented over federation mTLS belongs to another site's gateway: it must
/// be issued directly by a site intermediate pinned in the bundle (never one the peer merely presents, never
/// the system's stores), that intermediate must chain to a bundle root and be bound to the same site the leaf
/// names, the chain must be valid now, the leaf must carry the EKU of its role, and its SPIFFE ID must be the
/// gateway of a site the manifest declares.
/// </summary>
public static class PeerVerifier
{
    /// <summary>Verifies <paramref name="certificate"/>; the result names the peer site or why it is refused.</summary>
    /// <param name="certificate">The leaf the peer presented.</param>
    /// <param name="requirements">What to check it against.</param>
    public static PeerVerdict Verify(X509Certificate2? certificate, PeerRequirements requirements)
    {
        if (certificate is null)
            return PeerVerdict.Refuse(requirements.Role == PeerRole.Client ? "no client certificate" : "no server certificate");
        var trust = requirements.Trust;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.Roots);
        // Only the pinned intermediates may complete the chain: an intermediate the peer sends along (or one
        // downloaded from an AIA URL) must not, or a removed or revoked site's CA would still work.
        chain.ChainPolicy.ExtraStore.AddRange(trust.SiteIntermediates);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        // Revocation is by the bundle: a revoked intermediate is no longer pinned (docs/security.md).
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = (requirements.At ?? DateTimeOffset.Now).LocalDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(requirements.Role.RequiredUsage());
        if (!chain.Build(certificate))
        {
            var reasons = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return PeerVerdict.Refuse($"certificate not valid against the federation bundle ({reasons})");
        }
        var id = SpiffeId.FromCertificate(certificate);
        if (id is null)
            return PeerVerdict.Refuse("certificate has no SPIFFE ID (exactly one URI SAN)");
        if (id.TrustDomain != requirements.TrustDomain)
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not in trust domain {requirements.TrustDomain}");
        var site = id.GatewaySite;
        if (site is null || !requirements.IsKnownSite(site))
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not the gateway of a site of this federation");
        if (requirements.ExpectedSite is { } expected && site != expected)
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not the gateway of site {expected}");
        return IssuerProblem(chain, site, requirements) is { } problem ? PeerVerdict.Refuse(problem) : PeerVerdict.Accept(site, id);
    }

    // The leaf must be signed by a pinned intermediate bound to the leaf's own site, which a bundle root signed:
    // exactly leaf, intermediate, root. Another site's intermediate cannot mint this site's gateway.
    private static string? IssuerProblem(X509Chain chain, string site, PeerRequirements requirements)
    {
        if (chain.ChainElements.Count != 3)
            return $"certificate of site {site} is not issued directly by a site intermediate under a federation root";
        var intermediate = chain.ChainElements[1].Certificate;
        if (!requirements.Trust.SiteIntermediates.Any(pinned => pinned.RawDataMemory.Span.SequenceEqual(intermediate.RawDataMemory.Span)))
            return $"certificate of site {site} is issued by an intermediate that is not pinned in the bundle";
        var bound = SiteBinding.SiteOf(intermediate, requirements.TrustDomain);
        return bound == site
            ? null
            : $"certificate claims site {site} but is issued by the intermediate of {(bound is null ? "no site" : $"site {bound}")}";
    }
}

/// <summary>The outcome of <see cref="PeerVerifier.Verify"/>.</summary>
/// <param name="Site">The peer's site when accepted.</param>
/// <param name="Identity">The peer's SPIFFE ID when accepted.</param>
/// <param name="Reason">Why it was refused, otherwise null.</param>
public sealed record PeerVerdict(string? Site, SpiffeId? Identity, string? Reason)
{
    /// <summary>Whether the peer is accepted.</summary>
    public bool IsAccepted => Reason is null;

    /// <summary>An accepted peer.</summary>
    public static PeerVerdict Accept(string site, SpiffeId identity) => new(site, identity, null);

    /// <summary>A refused peer.</summary>
    public static PeerVerdict Refuse(string reason) => new(null, null, reason);
}

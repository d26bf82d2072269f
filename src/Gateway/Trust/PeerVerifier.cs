using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Decides whether a certificate presented over federation mTLS belongs to another site's gateway: it must
/// chain to the federation bundle alone (never the system's roots), be valid now, and carry the SPIFFE ID of
/// a gateway of a site the manifest declares.
/// </summary>
public static class PeerVerifier
{
    /// <summary>Verifies <paramref name="certificate"/>; the result names the peer site or why it is refused.</summary>
    /// <param name="certificate">The leaf the peer presented.</param>
    /// <param name="presentedChain">Intermediates the peer sent with it (may be null).</param>
    /// <param name="trust">This gateway's trust material (the bundle).</param>
    /// <param name="trustDomain">The federation's trust domain.</param>
    /// <param name="isKnownSite">Whether a site name is declared in the manifest.</param>
    /// <param name="expectedSite">When set (client side), the only site accepted.</param>
    public static PeerVerdict Verify(
        X509Certificate2? certificate,
        X509Chain? presentedChain,
        TrustMaterial trust,
        string trustDomain,
        Func<string, bool> isKnownSite,
        string? expectedSite = null)
    {
        if (certificate is null)
            return PeerVerdict.Refuse("no client certificate");
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trust.Bundle);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = DateTime.Now;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        if (presentedChain is not null)
        {
            foreach (var element in presentedChain.ChainElements)
            {
                if (!element.Certificate.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                    chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        if (!chain.Build(certificate))
        {
            var reasons = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return PeerVerdict.Refuse($"certificate not valid against the federation bundle ({reasons})");
        }
        var id = SpiffeId.FromCertificate(certificate);
        if (id is null)
            return PeerVerdict.Refuse("certificate has no SPIFFE ID (exactly one URI SAN)");
        if (!string.Equals(id.TrustDomain, trustDomain, StringComparison.OrdinalIgnoreCase))
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not in trust domain {trustDomain}");
        var site = id.GatewaySite;
        if (site is null || !isKnownSite(site))
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not the gateway of a site of this federation");
        if (expectedSite is not null && site != expectedSite)
            return PeerVerdict.Refuse($"SPIFFE ID {id} is not the gateway of site {expectedSite}");
        return PeerVerdict.Accept(site, id);
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

using MeshFed.Model;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// Who this gateway must be: the gateway of <paramref name="Site"/> in <paramref name="TrustDomain"/>. Trust
/// material is taken into use, at start and on every reload, only when its SVID is exactly this identity.
/// </summary>
/// <param name="TrustDomain">The federation's trust domain.</param>
/// <param name="Site">This gateway's site.</param>
public sealed record GatewayIdentity(string TrustDomain, string Site)
{
    /// <summary><c>spiffe://&lt;trust domain&gt;/site/&lt;site&gt;/gateway</c>.</summary>
    public string SpiffeId => DataPath.GatewaySpiffeId(TrustDomain, Site);

    /// <summary>
    /// Why <paramref name="material"/> may not serve as this gateway's identity, or null when it may: the SVID
    /// must be this identity, valid now, carry both EKUs (it is the server and the client certificate), and pass
    /// the very check a peer applies to it (issued by this site's pinned intermediate under a bundle root).
    /// </summary>
    /// <param name="material">The material to check.</param>
    /// <param name="at">The moment it must be valid at (null: now on the system clock).</param>
    public string? ProblemWith(TrustMaterial material, DateTimeOffset? at = null)
    {
        var actual = material.Identity;
        if (actual is not null && actual.TrustDomain != TrustDomain)
            return $"the SVID is {actual}, in trust domain '{actual.TrustDomain}', but this gateway runs in '{TrustDomain}'; a trust-domain change needs new trust material for every site and a restart";
        if (actual?.ToString() != SpiffeId)
            return $"the SVID is {actual?.ToString() ?? "no SPIFFE SVID"}, not {SpiffeId}; issue it with 'meshfed trust issue <manifest> --site {Site}'";
        foreach (var role in new[] { PeerRole.Server, PeerRole.Client })
        {
            var verdict = PeerVerifier.Verify(material.Certificate, new PeerRequirements(material, TrustDomain, site => site == Site, role, Site, at));
            if (!verdict.IsAccepted)
                return $"the SVID {SpiffeId} would be refused by the peers as {role.ToString().ToLowerInvariant()}: {verdict.Reason}";
        }
        return null;
    }
}

using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Trust;

/// <summary>
/// The binding between a site and the intermediate CA that may sign its gateway's SVID. Each site's
/// intermediate carries the URI SAN <c>spiffe://&lt;trust domain&gt;/site/&lt;site&gt;</c> (a SPIFFE signing
/// certificate may carry a SPIFFE ID: SPIFFE X509-SVID spec §3.2 "Signing Certificates"); a leaf naming
/// <c>/site/&lt;site&gt;/gateway</c> is accepted only from that intermediate. URI name constraints cannot
/// express this (RFC 5280 §4.2.1.10 constrains only the host part of a URI), so the verifier compares it.
/// </summary>
public static class SiteBinding
{
    /// <summary>The SPIFFE ID a site's intermediate carries.</summary>
    public static string IdOf(string trustDomain, string site) => $"spiffe://{trustDomain}/site/{site}";

    /// <summary>The site an intermediate is bound to in <paramref name="trustDomain"/>, or null when it names none.</summary>
    public static string? SiteOf(X509Certificate2 intermediate, string trustDomain)
    {
        var uris = SpiffeId.UriNames(intermediate);
        if (uris.Count != 1 || SpiffeId.TryParse(uris[0]) is not { } id || id.TrustDomain != trustDomain)
            return null;
        return id.Path.Split('/') is ["", "site", var site] && site.Length > 0 ? site : null;
    }

    /// <summary>Whether <paramref name="certificate"/> is a root (self-issued), as opposed to a pinned intermediate.</summary>
    public static bool IsRoot(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}

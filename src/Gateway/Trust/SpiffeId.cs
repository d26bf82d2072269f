using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace MeshFed.Gateway.Trust;

/// <summary>A SPIFFE ID (<c>spiffe://trust-domain/path</c>) as carried in an X.509 SVID's URI SAN.</summary>
/// <param name="TrustDomain">The trust domain, lower case.</param>
/// <param name="Path">The path, starting with <c>/</c>.</param>
public sealed record SpiffeId(string TrustDomain, string Path)
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>The site a gateway SVID names (<c>/site/&lt;site&gt;/gateway</c>), or null for any other path.</summary>
    public string? GatewaySite
    {
        get
        {
            var parts = Path.Split('/');
            return parts is ["", "site", var site, "gateway"] && site.Length > 0 ? site : null;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"spiffe://{TrustDomain}{Path}";

    /// <summary>Parses <c>spiffe://td/path</c>; null when it is not a well-formed SPIFFE ID.</summary>
    public static SpiffeId? TryParse(string? text)
    {
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "spiffe")
            return null;
        if (uri.Host.Length == 0 || !uri.IsDefaultPort || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            return null;
        var path = uri.AbsolutePath;
        if (path.Length <= 1 || path.EndsWith('/') || path.Contains("//", StringComparison.Ordinal))
            return null;
        return new SpiffeId(uri.Host.ToLowerInvariant(), path);
    }

    /// <summary>
    /// The certificate's SPIFFE ID. An X.509 SVID carries exactly one URI SAN; a certificate with none, or more
    /// than one, has no SPIFFE identity.
    /// </summary>
    public static SpiffeId? FromCertificate(X509Certificate2 certificate)
    {
        var uris = UriNames(certificate);
        return uris.Count == 1 ? TryParse(uris[0]) : null;
    }

    /// <summary>The URI entries of the certificate's subject alternative name extension.</summary>
    public static IReadOnlyList<string> UriNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions[SubjectAlternativeNameOid];
        if (extension is null)
            return [];
        var uris = new List<string>();
        try
        {
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag == uriTag)
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                else
                    names.ReadEncodedValue();
            }
        }
        catch (AsnContentException)
        {
            return []; // a malformed extension is no identity at all
        }
        return uris;
    }
}

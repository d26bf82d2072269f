using System.Formats.Asn1;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using MeshFed.Model;

namespace MeshFed.Gateway.Trust;

/// <summary>A SPIFFE ID (<c>spiffe://trust-domain/path</c>) as carried in an X.509 SVID's URI SAN.</summary>
/// <param name="TrustDomain">The trust domain, lower case.</param>
/// <param name="Path">The path, starting with <c>/</c>.</param>
public sealed record SpiffeId(string TrustDomain, string Path)
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>A peer's identity, remembered per certificate object (one per TLS connection).</summary>
    private sealed record Remembered(string? GatewaySite);

    // Reading the extension goes through OpenSSL's OID tables and allocates; every request on a kept-alive
    // connection carries the same certificate object, so it is read once per connection, not per request.
    private static readonly ConditionalWeakTable<X509Certificate2, Remembered> s_perCertificate = new();

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

    /// <summary>
    /// Parses a workload's <c>spiffe://td/path</c> strictly (<see cref="TrustDomains.TryParseId"/>: no URI
    /// normalisation, no dot segments, no percent-encoding, lower-case trust domain); null when it is not a
    /// SPIFFE ID or names only a trust domain.
    /// </summary>
    public static SpiffeId? TryParse(string? text) =>
        text is not null && TrustDomains.TryParseId(text, out var trustDomain, out var path) && path.Length > 0
            ? new SpiffeId(trustDomain, path)
            : null;

    /// <summary>
    /// The certificate's SPIFFE ID. An X.509 SVID carries exactly one URI SAN; a certificate with none, or more
    /// than one, has no SPIFFE identity.
    /// </summary>
    public static SpiffeId? FromCertificate(X509Certificate2 certificate)
    {
        var uris = UriNames(certificate);
        return uris.Count == 1 ? TryParse(uris[0]) : null;
    }

    /// <summary>The gateway site of a peer's certificate, read once per certificate object and then remembered.</summary>
    public static string? GatewaySiteOf(X509Certificate2 certificate) =>
        s_perCertificate.GetValue(certificate, c => new Remembered(FromCertificate(c)?.GatewaySite)).GatewaySite;

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

using MeshFed.Adapters.Aws.AppMesh.Api;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// The TLS blocks of nodes and the virtual gateway: where certificates come from on this site's platform,
/// and which peer identities (SPIFFE IDs in the URI SAN) each side accepts.
/// </summary>
internal static class AppMeshTls
{
    /// <summary>Where the Envoys of an ECS site read their certificate (one per task: the task's own identity).</summary>
    public const string CertificateChainFile = "/etc/meshfed/appmesh-tls/cert-chain.pem";

    /// <summary>The private key next to <see cref="CertificateChainFile"/>.</summary>
    public const string PrivateKeyFile = "/etc/meshfed/appmesh-tls/private-key.pem";

    /// <summary>The CA bundle of the site's mesh trust domain.</summary>
    public const string TrustBundleFile = "/etc/meshfed/appmesh-tls/ca-bundle.pem";

    /// <summary>
    /// The certificate an Envoy presents as <paramref name="spiffeId"/>: from SPIRE over SDS on EKS (the SDS
    /// secret is named by SPIFFE ID, as in aws-app-mesh-examples walkthroughs/howto-k8s-mtls-sds-based), from
    /// files elsewhere ("SPIRE is not supported on Amazon ECS", App Mesh mutual TLS guide). The file form
    /// is what the App Mesh TLS guide calls "a certificate stored on the local file system".
    /// </summary>
    public static TlsCertificate Certificate(AppMeshContext context, string spiffeId) => context.UsesSds
        ? new TlsCertificate(Sds: new ListenerTlsSdsCertificate(spiffeId))
        : new TlsCertificate(File: new ListenerTlsFileCertificate(CertificateChainFile, PrivateKeyFile));

    /// <summary>
    /// The validation context: the site's trust domain as trust anchor, and the peers' SPIFFE IDs as the only
    /// accepted SANs. Without SANs, App Mesh checks the peer's SAN against the service-discovery name (App Mesh
    /// TLS guide, "Certificate requirements"), which a SPIFFE SVID does not carry (review row 10).
    /// </summary>
    public static TlsValidationContext Validation(AppMeshContext context, IEnumerable<string> acceptedPeers)
    {
        var trust = context.UsesSds
            ? new TlsValidationContextTrust(Sds: new TlsValidationContextSdsTrust($"spiffe://{context.Site.MeshTrustDomain}"))
            : new TlsValidationContextTrust(File: new TlsValidationContextFileTrust(TrustBundleFile));
        var peers = acceptedPeers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new TlsValidationContext(trust, peers.Count > 0 ? new SubjectAlternativeNames(new SubjectAlternativeNameMatchers(peers)) : null);
    }

    /// <summary>A client policy that originates mTLS as <paramref name="self"/> and accepts only <paramref name="peers"/>.</summary>
    public static ClientPolicy ClientPolicy(AppMeshContext context, string self, IEnumerable<string> peers) =>
        new(new ClientPolicyTls(Enforce: true, Certificate(context, self), Validation(context, peers)));
}

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>What a listener terminates (API shape ListenerTls).</summary>
/// <param name="Mode"><c>STRICT</c> or <c>PERMISSIVE</c>.</param>
/// <param name="Certificate">The certificate the listener presents.</param>
/// <param name="Validation">Which client certificates it accepts.</param>
public sealed record ListenerTls(string Mode, TlsCertificate Certificate, TlsValidationContext Validation);

/// <summary>
/// A certificate an Envoy presents: API unions ListenerTlsCertificate, ClientTlsCertificate and their
/// VirtualGateway twins, whose file and sds members are the same shapes (meshfed never uses acm).
/// </summary>
/// <param name="Sds">From an SDS provider (SPIRE).</param>
/// <param name="File">From the Envoy's file system.</param>
public sealed record TlsCertificate(ListenerTlsSdsCertificate? Sds = null, ListenerTlsFileCertificate? File = null);

/// <summary>API shape ListenerTlsSdsCertificate.</summary>
/// <param name="SecretName">The SDS secret (here: a SPIFFE ID).</param>
public sealed record ListenerTlsSdsCertificate(string SecretName);

/// <summary>API shape ListenerTlsFileCertificate.</summary>
/// <param name="CertificateChain">The chain's file.</param>
/// <param name="PrivateKey">The key's file.</param>
public sealed record ListenerTlsFileCertificate(string CertificateChain, string PrivateKey);

/// <summary>
/// Which peer certificates are accepted: API shapes ListenerTlsValidationContext and TlsValidationContext
/// (and their VirtualGateway twins), the same members.
/// </summary>
/// <param name="Trust">The trust anchor.</param>
/// <param name="SubjectAlternativeNames">The only accepted SANs (null: App Mesh checks the discovery name).</param>
public sealed record TlsValidationContext(TlsValidationContextTrust Trust, SubjectAlternativeNames? SubjectAlternativeNames = null);

/// <summary>API unions TlsValidationContextTrust and ListenerTlsValidationContextTrust (meshfed never uses acm).</summary>
/// <param name="Sds">From an SDS provider.</param>
/// <param name="File">From a CA bundle file.</param>
public sealed record TlsValidationContextTrust(TlsValidationContextSdsTrust? Sds = null, TlsValidationContextFileTrust? File = null);

/// <summary>API shape TlsValidationContextSdsTrust.</summary>
/// <param name="SecretName">The SDS secret (here: the trust domain).</param>
public sealed record TlsValidationContextSdsTrust(string SecretName);

/// <summary>API shape TlsValidationContextFileTrust.</summary>
/// <param name="CertificateChain">The CA bundle's file.</param>
public sealed record TlsValidationContextFileTrust(string CertificateChain);

/// <summary>API shape SubjectAlternativeNames.</summary>
/// <param name="Match">The matchers.</param>
public sealed record SubjectAlternativeNames(SubjectAlternativeNameMatchers Match);

/// <summary>API shape SubjectAlternativeNameMatchers.</summary>
/// <param name="Exact">The accepted SANs, exactly.</param>
public sealed record SubjectAlternativeNameMatchers(IReadOnlyList<string> Exact);

/// <summary>API shapes ClientPolicy and VirtualGatewayClientPolicy.</summary>
/// <param name="Tls">The TLS a caller originates.</param>
public sealed record ClientPolicy(ClientPolicyTls Tls);

/// <summary>API shapes ClientPolicyTls and VirtualGatewayClientPolicyTls (meshfed never limits ports).</summary>
/// <param name="Enforce">Whether TLS is required.</param>
/// <param name="Certificate">The certificate the caller presents.</param>
/// <param name="Validation">Which server certificates it accepts.</param>
public sealed record ClientPolicyTls(bool Enforce, TlsCertificate Certificate, TlsValidationContext Validation);

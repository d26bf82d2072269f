using System.Net;
using MeshFed.Model;

namespace MeshFed.Gateway.Config;

/// <summary>How one gateway runs: which site it serves, where it listens, and what the host overrides.</summary>
public sealed record GatewaySettings
{
    /// <summary>The site this gateway serves.</summary>
    public required string Site { get; init; }

    /// <summary>Peer listener (federation mTLS); defaults to any address on the site's gateway port.</summary>
    public IPEndPoint? PeerListen { get; init; }

    /// <summary>Local listener (plain HTTP from the site's mesh).</summary>
    public IPEndPoint LocalListen { get; init; } = new(IPAddress.Any, DataPath.LocalListenerPort);

    /// <summary>
    /// Admin listener. Loopback by default: <c>/metrics</c> names services, sites and refusal counts, so it is
    /// opened to the network (the pod or task address) only where probes come from there.
    /// </summary>
    public IPEndPoint AdminListen { get; init; } = new(IPAddress.Loopback, DataPath.AdminPort);

    /// <summary>
    /// The hops whose <c>x-forwarded-client-cert</c> the local listener believes (the site mesh's sidecar, which
    /// terminates mesh mTLS and writes the header). Null: derived from the site (<see cref="Policy.ForwardedClientCertHops.For"/>).
    /// Empty: no hop; the header is stripped and every local caller is unknown.
    /// </summary>
    public IReadOnlyList<IPNetwork>? TrustXfccFrom { get; init; }

    /// <summary>
    /// The addresses VPC Lattice connects to the local listener from, whose <c>x-amzn-lattice-identity</c> names the
    /// caller. Null: derived from the site (<see cref="Policy.LatticeSources.For"/>). Empty: none; the header is
    /// stripped and callers through Lattice are unknown.
    /// </summary>
    public IReadOnlyList<IPNetwork>? TrustLatticeFrom { get; init; }

    /// <summary>
    /// Makes the handler that signs deliveries into VPC Lattice services (SigV4 for <c>vpc-lattice-svcs</c>), one per
    /// delivery client; supplied by the host (the AWS adapter's signer), since the gateway depends on Model only.
    /// Null: deliveries into Lattice are not signed, which only a Lattice service without IAM auth accepts.
    /// </summary>
    public Func<DelegatingHandler>? LatticeSigner { get; init; }

    /// <summary>
    /// Whether a local caller that is not a trusted hop may decide trace sampling with its <c>traceparent</c>
    /// sampled flag. Off: such a caller's flag is ignored and the manifest's sampling rate decides.
    /// </summary>
    public bool TrustLocalTraceSampling { get; init; }

    /// <summary>Connection caps and the protocol-detection bound.</summary>
    public ListenerLimits Limits { get; init; } = new();

    /// <summary>
    /// Whether the local listener also serves targets that run in this site. Off behind a mesh (the mesh
    /// sends only remote traffic); on where there is no mesh in front, as in <c>meshfed up</c>.
    /// </summary>
    public bool ServeLocalTargets { get; init; }

    /// <summary>Where a local version listens, when the host knows better than the manifest's discovery.</summary>
    public Func<Service, Deployment, ServicePort, IReadOnlyList<Uri>?>? LocalEndpoints { get; init; }

    /// <summary>Handler for fetching JWKS documents (tests point it at loopback; null: the default HTTPS client).</summary>
    public HttpMessageHandler? JwksHandler { get; init; }

    /// <summary>How long in-flight requests may finish after a stop is requested.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Seed for weighted choices (tests); null for a random seed.</summary>
    public int? RandomSeed { get; init; }
}

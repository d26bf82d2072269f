using System.Diagnostics.Metrics;
using System.Net;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Trust;
using MeshFed.Model;
using MeshFed.Telemetry;
using Microsoft.Extensions.Logging;

namespace MeshFed.Gateway.Policy;

/// <summary>
/// Who is calling, as far as the gateway can tell, and only from someone entitled to say so: on the local
/// listener, the XFCC written by a trusted hop (the mesh's sidecar) naming a workload of this site's mesh; on
/// the peer listener, the <c>x-meshfed-caller</c> asserted by site B's gateway naming a workload of B's mesh.
/// Anything else is an unknown caller, counted by reason and logged at most once a minute per reason: a site can
/// vouch only for its own mesh, so it cannot speak for another site's workloads or for this one's.
/// </summary>
public sealed partial class CallerIdentity(ILogger logger, TimeProvider? time = null)
{
    /// <summary>An XFCC header from a client that is not a trusted hop.</summary>
    public const string UntrustedHop = "xfcc-untrusted-hop";

    /// <summary>A SPIFFE ID outside the mesh trust domain of whoever asserted it.</summary>
    public const string ForeignTrustDomain = "foreign-trust-domain";

    /// <summary>A value that is not a strict SPIFFE ID.</summary>
    public const string Malformed = "malformed";

    /// <summary>A VPC Lattice identity header from a client that is not VPC Lattice.</summary>
    public const string UntrustedLatticeSource = "lattice-untrusted-source";

    /// <summary>A VPC Lattice principal that names no caller (<see cref="LatticeCaller"/>).</summary>
    public const string UnmappedLatticePrincipal = "lattice-unmapped-principal";

    private static readonly Counter<long> s_dropped = GatewayMetrics.Meter.CreateCounter<long>(
        "meshfed.gateway.callers.dropped", "{request}", "Caller identities the gateway did not believe, by reason; the request went on as an unknown caller.");

    private readonly Dictionary<string, LogGate> _gates = new()
    {
        [UntrustedHop] = new(TimeSpan.FromMinutes(1), time),
        [ForeignTrustDomain] = new(TimeSpan.FromMinutes(1), time),
        [Malformed] = new(TimeSpan.FromMinutes(1), time),
        [UntrustedLatticeSource] = new(TimeSpan.FromMinutes(1), time),
        [UnmappedLatticePrincipal] = new(TimeSpan.FromMinutes(1), time),
    };

    /// <summary>The caller of a request on the local listener, or null when unknown.</summary>
    /// <param name="xfcc">The request's <c>x-forwarded-client-cert</c>.</param>
    /// <param name="remote">The TCP peer.</param>
    /// <param name="hops">The hops allowed to write XFCC.</param>
    /// <param name="site">This gateway's site, whose mesh the caller must belong to.</param>
    public string? FromLocal(string? xfcc, IPAddress? remote, IReadOnlyList<IPNetwork> hops, Site site)
    {
        if (string.IsNullOrEmpty(xfcc))
            return null;
        if (!ForwardedClientCertHops.Contains(hops, remote))
            return Drop(UntrustedHop, $"x-forwarded-client-cert from {remote}, which is not a trusted hop (--trust-xfcc-from)");
        return InMesh(ForwardedClientCert.CallerUri(xfcc), site.MeshTrustDomain, $"this site's mesh ({site.Name})");
    }

    /// <summary>
    /// The caller of a request VPC Lattice forwarded to the local listener (the gateway as a Lattice target), or
    /// null when unknown: believed only from <paramref name="latticeSources"/>, mapped as <see cref="LatticeCaller"/> says.
    /// </summary>
    /// <param name="identity">The request's <c>x-amzn-lattice-identity</c>.</param>
    /// <param name="remote">The TCP peer.</param>
    /// <param name="latticeSources">The addresses Lattice connects from (<see cref="LatticeSources"/>).</param>
    /// <param name="site">This gateway's site, in whose mesh trust domain the caller is named.</param>
    /// <param name="roles">The IAM roles the site's deployments declare: a session of one is that service.</param>
    public string? FromLattice(string? identity, IPAddress? remote, IReadOnlyList<IPNetwork> latticeSources, Site site, LatticeRoles roles)
    {
        if (string.IsNullOrEmpty(identity))
            return null;
        if (!ForwardedClientCertHops.Contains(latticeSources, remote))
            return Drop(UntrustedLatticeSource, $"{LatticeCaller.IdentityHeader} from {remote}, which is not VPC Lattice (--trust-lattice-from)");
        return LatticeCaller.SpiffeIdOf(identity, site, roles) is { } caller
            ? InMesh(caller, site.MeshTrustDomain, $"this site's mesh ({site.Name})")
            : Drop(UnmappedLatticePrincipal, $"the VPC Lattice principal in '{LogText.Printable(identity)}' is neither an IAM role nor an IAM user that a SPIFFE ID can name");
    }

    /// <summary>The caller a peer gateway asserted, or null when unknown.</summary>
    /// <param name="asserted">The request's <c>x-meshfed-caller</c>.</param>
    /// <param name="peer">The peer gateway's site (authenticated at the handshake); null when not in the manifest.</param>
    public string? FromPeer(string? asserted, Site? peer)
    {
        if (string.IsNullOrEmpty(asserted))
            return null;
        if (peer is null)
            return Drop(ForeignTrustDomain, $"caller '{LogText.Printable(asserted)}' asserted by a site the manifest does not know");
        return InMesh(asserted, peer.MeshTrustDomain, $"site {peer.Name}'s mesh");
    }

    private string? InMesh(string? caller, string meshTrustDomain, string whose)
    {
        if (caller is null)
            return null;
        if (SpiffeId.TryParse(caller) is not { } id)
            return Drop(Malformed, $"caller '{LogText.Printable(caller)}' is not a SPIFFE ID");
        if (!string.Equals(id.TrustDomain, meshTrustDomain, StringComparison.Ordinal))
            return Drop(ForeignTrustDomain, $"caller '{LogText.Printable(caller)}' is not in {whose} trust domain '{meshTrustDomain}'");
        // The parse is strict and exact (no normalisation), so the text is already the ID's canonical form.
        return caller;
    }

    private string? Drop(string reason, string message)
    {
        s_dropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (_gates[reason].TryEnter(out var suppressed))
            LogDropped(logger, message, suppressed);
        return null;
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Caller treated as unknown: {Message} ({Suppressed} more since the last such line).")]
    private static partial void LogDropped(ILogger logger, string message, long suppressed);
}

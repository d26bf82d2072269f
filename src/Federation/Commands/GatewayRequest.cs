using System.Net;
using MeshFed.Federation.Telemetry;
using MeshFed.Gateway.Config;
using MeshFed.Model;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed gateway</c> command line.</summary>
public sealed record GatewayRequest
{
    /// <summary><c>--local-listen</c> when not given: every address, the data path's local port.</summary>
    public static string DefaultLocalListen => $"0.0.0.0:{DataPath.LocalListenerPort}";

    /// <summary><c>--admin-listen</c> when not given: loopback, the data path's admin port.</summary>
    public static string DefaultAdminListen => $"127.0.0.1:{DataPath.AdminPort}";

    /// <summary>The manifest file or folder (watched: changes reload).</summary>
    public required string Path { get; init; }

    /// <summary><c>--site</c>: the site this gateway serves.</summary>
    public required string Site { get; init; }

    /// <summary><c>--trust-dir</c>: bundle.pem, gateway.crt and gateway.key (watched: rotations reload).</summary>
    public required string TrustDir { get; init; }

    /// <summary><c>--peer-listen</c> as written, or null for every address on the site's gateway port.</summary>
    public string? PeerListen { get; init; }

    /// <summary><c>--local-listen</c> as written (checked once the site is known, as the peer address is).</summary>
    public string LocalListen { get; init; } = DefaultLocalListen;

    /// <summary><c>--admin-listen</c> as written.</summary>
    public string AdminListen { get; init; } = DefaultAdminListen;

    /// <summary><c>--serve-local</c>: also serve this site's own targets from the local listener.</summary>
    public bool ServeLocal { get; init; }

    /// <summary><c>--log-format</c>: <c>text</c> or <c>json</c>.</summary>
    public string LogFormat { get; init; } = "text";

    /// <summary><c>--export-interval</c> and <c>--telemetry-endpoint</c>, applied to the defaults.</summary>
    public TelemetryOptions Telemetry { get; init; } = new();

    /// <summary><c>--trust-xfcc-from</c>; null: derived from the manifest's site.</summary>
    public IReadOnlyList<IPNetwork>? TrustXfccFrom { get; init; }

    /// <summary><c>--trust-lattice-from</c>; null: derived from the manifest's site.</summary>
    public IReadOnlyList<IPNetwork>? TrustLatticeFrom { get; init; }

    /// <summary><c>--trust-local-trace-sampling</c>.</summary>
    public bool TrustLocalTraceSampling { get; init; }

    /// <summary><c>--local-max-connections</c>, <c>--peer-max-connections</c>.</summary>
    public ListenerLimits Limits { get; init; } = new();
}

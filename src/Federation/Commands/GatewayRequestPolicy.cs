using System.Net;
using MeshFed.Gateway.Config;

namespace MeshFed.Federation.Commands;

/// <summary>What <c>meshfed gateway</c> was told about whom to believe and how much to hold open.</summary>
public sealed record GatewayRequestPolicy
{
    /// <summary><c>--trust-xfcc-from</c>; null: derived from the manifest's site.</summary>
    public IReadOnlyList<IPNetwork>? TrustXfccFrom { get; init; }

    /// <summary><c>--trust-lattice-from</c>; null: derived from the manifest's site.</summary>
    public IReadOnlyList<IPNetwork>? TrustLatticeFrom { get; init; }

    /// <summary><c>--trust-local-trace-sampling</c>.</summary>
    public bool TrustLocalTraceSampling { get; init; }

    /// <summary><c>--local-max-connections</c>, <c>--peer-max-connections</c>.</summary>
    public ListenerLimits Limits { get; init; } = new();
}

namespace MeshFed.Gateway.Config;

/// <summary>
/// Bounds on what one client can hold open. Each listener is its own Kestrel server, so each cap applies to
/// that listener alone: a flood on the local port cannot starve the peer port, and neither can starve the probes.
/// </summary>
public sealed record ListenerLimits
{
    /// <summary>Connections the local listener keeps open at once (Kestrel closes any beyond).</summary>
    public long LocalMaxConnections { get; init; } = 10_000;

    /// <summary>Connections the peer listener keeps open at once.</summary>
    public long PeerMaxConnections { get; init; } = 10_000;

    /// <summary>Connections the admin listener keeps open at once (probes and a scraper need few).</summary>
    public long AdminMaxConnections { get; init; } = 100;

    /// <summary>
    /// How long a new local connection may take to send enough bytes to tell HTTP/1.1 from the HTTP/2 preface.
    /// Kestrel's own timeouts start only after this choice, so without a bound an idle client holds its socket forever.
    /// </summary>
    public TimeSpan ProtocolDetectionTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

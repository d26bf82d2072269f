using MeshFed.Federation.Signals.Sources;
using MeshFed.Federation.Telemetry;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>signals compare</c> command line.</summary>
public sealed record SignalsRequest
{
    /// <summary>The service.</summary>
    public required string Service { get; init; }

    /// <summary>The manifest, or null.</summary>
    public string? Manifest { get; init; }

    /// <summary>The window, as written (<c>15m</c>).</summary>
    public string Window { get; init; } = "15m";

    /// <summary><c>--source</c>: a name from <see cref="SignalSources"/>.</summary>
    public string Source { get; init; } = SignalSources.Default.Name;

    /// <summary>The local store's file.</summary>
    public string Store { get; init; } = LocalTelemetryStore.DefaultPath;

    /// <summary>Where to write the HTML page, or null.</summary>
    public string? Html { get; init; }

    /// <summary><c>outbound</c> or <c>inbound</c>.</summary>
    public string Direction { get; init; } = "outbound";

    /// <summary>Endpoint override for cloud sources.</summary>
    public string? Endpoint { get; init; }
}

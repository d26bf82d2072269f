using MeshFed.Federation.Telemetry;

namespace MeshFed.Federation.Commands;

/// <summary>The parsed <c>meshfed up</c> command line.</summary>
public sealed record UpRequest
{
    /// <summary>The manifest file or folder, or null for the built-in demo.</summary>
    public string? Path { get; init; }

    /// <summary><c>--load</c>: demo requests per second across all sites (0: none).</summary>
    public double Load { get; init; } = 50;

    /// <summary><c>--duration</c>: stop after this long, or null to run until Ctrl+C.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary><c>--store</c>: the local telemetry store the golden signals go to.</summary>
    public string Store { get; init; } = LocalTelemetryStore.DefaultPath;

    /// <summary>
    /// The clock the gateways read (null: the system clock; no option sets it). A test passes one that stands still,
    /// so that the demo's timeouts (a 1 s try for orders) do not fire because the machine is busy.
    /// </summary>
    public TimeProvider? Time { get; init; }
}

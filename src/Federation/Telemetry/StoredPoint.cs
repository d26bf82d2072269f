namespace MeshFed.Federation.Telemetry;

/// <summary>One golden-signal point as a source reads it back: a delta sum, an in-flight value, or a histogram.</summary>
public sealed record StoredPoint
{
    /// <summary>The instrument (<c>meshfed.requests</c>, <c>meshfed.request.duration</c>, <c>meshfed.requests.active</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Start of the interval the value covers.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of that interval.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The serving site.</summary>
    public required string Site { get; init; }

    /// <summary>The serving version.</summary>
    public required string Version { get; init; }

    /// <summary><c>outbound</c> or <c>inbound</c> (empty when unknown).</summary>
    public string Direction { get; init; } = "";

    /// <summary><c>2xx</c> … <c>5xx</c> for requests (empty otherwise).</summary>
    public string ResponseClass { get; init; } = "";

    /// <summary>The requests or in-flight value.</summary>
    public double Value { get; init; }

    /// <summary>Histogram bounds in seconds (null for other instruments).</summary>
    public IReadOnlyList<double>? Bounds { get; init; }

    /// <summary>Histogram counts, one more than the bounds.</summary>
    public IReadOnlyList<long>? Counts { get; init; }
}

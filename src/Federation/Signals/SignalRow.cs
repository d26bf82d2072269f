namespace MeshFed.Federation.Signals;

/// <summary>The golden signals of one service at one site and version over the compared window.</summary>
public sealed record SignalRow
{
    /// <summary>The serving site.</summary>
    public required string Site { get; init; }

    /// <summary>The site's cloud (<c>aws</c>, <c>gcp</c>, <c>onprem</c>), when the manifest is known.</summary>
    public string Cloud { get; init; } = "";

    /// <summary>The serving version.</summary>
    public required string Version { get; init; }

    /// <summary>Requests finished in the window.</summary>
    public required long Requests { get; init; }

    /// <summary>Of which 5xx (or undeliverable).</summary>
    public required long Errors { get; init; }

    /// <summary>Traffic: requests per second over the window.</summary>
    public required double Rps { get; init; }

    /// <summary>Saturation: the most requests in flight at once in the window.</summary>
    public required double Saturation { get; init; }

    /// <summary>Latency distribution.</summary>
    public required LatencyHistogram Latency { get; init; }

    /// <summary>Errors: the 5xx share of requests (0 without requests).</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;

    /// <summary>The row's label: <c>site/version</c>.</summary>
    public string Label => $"{Site}/{Version}";
}

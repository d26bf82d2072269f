namespace MeshFed.Model;

/// <summary>One destination of a route with its share of the traffic.</summary>
public sealed record RouteTarget
{
    /// <summary>The whole of a route's traffic, in percent: the most one target may take, and what a route's targets sum to.</summary>
    public const int FullWeight = 100;

    /// <summary>The version label.</summary>
    public required string Version { get; init; }

    /// <summary>Pins the share to one site; null means "the version wherever it runs, nearest first".</summary>
    public string? Site { get; init; }

    /// <summary>Percent of the route's traffic, 0–100; a route's targets sum to 100.</summary>
    public required int Weight { get; init; }
}

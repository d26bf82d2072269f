namespace MeshFed.Model;

/// <summary>An ordered routing rule: the first route whose match holds takes the request.</summary>
public sealed record Route
{
    /// <summary>Name (a DNS label); <c>route-N</c> (N from 0) when not given. App Mesh route names use it.</summary>
    public required string Name { get; init; }

    /// <summary>The condition; <see cref="RouteMatch.Any"/> for a catch-all.</summary>
    public RouteMatch Match { get; init; } = RouteMatch.Any;

    /// <summary>Weighted destinations; weights sum to 100.</summary>
    public required IReadOnlyList<RouteTarget> To { get; init; }

    /// <summary>Overrides the service's timeout for this route.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Overrides the service's retry policy for this route.</summary>
    public RetryPolicy? Retries { get; init; }
}

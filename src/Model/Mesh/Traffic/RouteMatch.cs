namespace MeshFed.Model;

/// <summary>What a request must look like for a route to take it. All given conditions must hold.</summary>
public sealed record RouteMatch
{
    /// <summary>Matches every request.</summary>
    public static RouteMatch Any { get; } = new();

    /// <summary>Condition on the path, if any.</summary>
    public PathMatch? Path { get; init; }

    /// <summary>HTTP method (upper case), if any.</summary>
    public string? Method { get; init; }

    /// <summary>Conditions on headers (all must hold).</summary>
    public IReadOnlyList<HeaderMatch> Headers { get; init; } = [];

    /// <summary>Conditions on query parameters (all must hold).</summary>
    public IReadOnlyList<HeaderMatch> QueryParams { get; init; } = [];

    /// <summary>True when the match accepts every request.</summary>
    public bool IsCatchAll =>
        (Path is null || Path is { Kind: PathMatchKind.Prefix, Value: "/" }) && Method is null && Headers.Count == 0 && QueryParams.Count == 0;
}

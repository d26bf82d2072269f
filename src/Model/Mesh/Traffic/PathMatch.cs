namespace MeshFed.Model;

/// <summary>A condition on the request path.</summary>
public sealed record PathMatch
{
    /// <summary>Exact, prefix or regex.</summary>
    public required PathMatchKind Kind { get; init; }

    /// <summary>The path, prefix or pattern.</summary>
    public required string Value { get; init; }
}

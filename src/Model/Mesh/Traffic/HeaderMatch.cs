namespace MeshFed.Model;

/// <summary>A condition on one request header or query parameter.</summary>
public sealed record HeaderMatch
{
    /// <summary>Header (lower case) or query parameter name.</summary>
    public required string Name { get; init; }

    /// <summary>The condition on its value.</summary>
    public required StringMatch Match { get; init; }
}

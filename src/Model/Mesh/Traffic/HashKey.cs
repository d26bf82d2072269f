namespace MeshFed.Model;

/// <summary>What a consistent hash is computed from. Exactly one member is set.</summary>
public sealed record HashKey
{
    /// <summary>A request header.</summary>
    public string? Header { get; init; }

    /// <summary>A cookie.</summary>
    public string? Cookie { get; init; }

    /// <summary>The caller's address.</summary>
    public bool SourceIp { get; init; }
}

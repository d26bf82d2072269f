namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>RuleMatch (a union whose one member is httpMatch).</summary>
/// <param name="HttpMatch">The HTTP condition.</param>
public sealed record RuleMatch(HttpMatch HttpMatch);

/// <summary>HttpMatch: all given conditions must hold.</summary>
public sealed record HttpMatch
{
    /// <summary>Exact method.</summary>
    public string? Method { get; init; }

    /// <summary>Exact or prefix path, at most 200 characters.</summary>
    public PathMatch? PathMatch { get; init; }

    /// <summary>1–5 header conditions.</summary>
    public IReadOnlyList<HeaderMatch>? HeaderMatches { get; init; }
}

/// <summary>PathMatch.</summary>
/// <param name="Match">Exact or prefix.</param>
/// <param name="CaseSensitive">True: manifest paths are case sensitive.</param>
public sealed record PathMatch(PathMatchType Match, bool CaseSensitive);

/// <summary>PathMatchType (a union).</summary>
public sealed record PathMatchType
{
    /// <summary>The whole path.</summary>
    public string? Exact { get; init; }

    /// <summary>A prefix of the path.</summary>
    public string? Prefix { get; init; }
}

/// <summary>HeaderMatch.</summary>
/// <param name="Name">The header name.</param>
/// <param name="Match">Exact, prefix or contains.</param>
/// <param name="CaseSensitive">True: manifest header values compare case-sensitively.</param>
public sealed record HeaderMatch(string Name, HeaderMatchType Match, bool CaseSensitive);

/// <summary>HeaderMatchType (a union).</summary>
public sealed record HeaderMatchType
{
    /// <summary>Equal to.</summary>
    public string? Exact { get; init; }

    /// <summary>Starts with.</summary>
    public string? Prefix { get; init; }

    /// <summary>Contains.</summary>
    public string? Contains { get; init; }
}

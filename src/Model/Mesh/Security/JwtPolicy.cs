namespace MeshFed.Model;

/// <summary>End-user authentication with JSON Web Tokens.</summary>
public sealed record JwtPolicy
{
    /// <summary>Expected <c>iss</c> claim.</summary>
    public required string Issuer { get; init; }

    /// <summary>Where the issuer's signing keys are published (https).</summary>
    public required string JwksUri { get; init; }

    /// <summary>Accepted <c>aud</c> values; empty accepts any audience.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>When true (the default), requests without a valid token are denied, not only those with a bad one.</summary>
    public bool Required { get; init; } = true;
}

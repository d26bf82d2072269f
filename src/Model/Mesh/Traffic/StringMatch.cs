namespace MeshFed.Model;

/// <summary>A comparison with a value, e.g. <c>{ exact: "true" }</c>.</summary>
public sealed record StringMatch
{
    /// <summary>How to compare.</summary>
    public required StringMatchKind Kind { get; init; }

    /// <summary>What to compare with (empty for <see cref="StringMatchKind.Present"/>).</summary>
    public required string Value { get; init; }
}

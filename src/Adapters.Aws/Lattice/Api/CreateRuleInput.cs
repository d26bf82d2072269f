namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateRuleRequest.</summary>
public sealed record CreateRuleInput : LatticeInput
{
    /// <summary>The service (a placeholder until it exists).</summary>
    public required string ServiceIdentifier { get; init; }

    /// <summary>The listener (a placeholder until it exists).</summary>
    public required string ListenerIdentifier { get; init; }

    /// <summary>3–63 characters, unique in the listener.</summary>
    public required string Name { get; init; }

    /// <summary>The condition.</summary>
    public required RuleMatch Match { get; init; }

    /// <summary>1–100, lowest first.</summary>
    public required int Priority { get; init; }

    /// <summary>Where matching requests go.</summary>
    public required RuleAction Action { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

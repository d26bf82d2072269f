namespace MeshFed.Adapters.Aws.Lattice.Api;

/// <summary>CreateListenerRequest.</summary>
public sealed record CreateListenerInput : LatticeInput
{
    /// <summary>The service (a placeholder until it exists).</summary>
    public required string ServiceIdentifier { get; init; }

    /// <summary>3–63 characters, unique in the service.</summary>
    public required string Name { get; init; }

    /// <summary>HTTP or HTTPS.</summary>
    public required ListenerProtocol Protocol { get; init; }

    /// <summary>The service port.</summary>
    public required int Port { get; init; }

    /// <summary>What requests no rule takes get.</summary>
    public required RuleAction DefaultAction { get; init; }

    /// <summary>Ownership tags.</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

using System.Text.Json.Nodes;

namespace MeshFed.Adapters.Aws.Lattice.Reconcile;

/// <summary>A resource as it exists in VPC Lattice: identity, ids, the members plan compares, and its tags.</summary>
public sealed record LatticeActual
{
    /// <summary>The kind.</summary>
    public required LatticeResourceKind Kind { get; init; }

    /// <summary>The name, as <see cref="LatticeDesired.Name"/> is formed.</summary>
    public required string Name { get; init; }

    /// <summary>The parent, as <see cref="LatticeDesired.Parent"/> is formed.</summary>
    public string? Parent { get; init; }

    /// <summary>Its id (for targets and auth policies: the target group's or service's).</summary>
    public required string Id { get; init; }

    /// <summary>The service's id (listeners, rules).</summary>
    public string? ServiceId { get; init; }

    /// <summary>The listener's id (rules).</summary>
    public string? ListenerId { get; init; }

    /// <summary>The members as the Get operation describes them, named as in the create input.</summary>
    public required JsonObject Fields { get; init; }

    /// <summary>The tags (auth policies and targets carry their service's or target group's: they have none of their own).</summary>
    public required IReadOnlyDictionary<string, string> Tags { get; init; }

    /// <summary>True when meshfed manages it for <paramref name="mesh"/> on <paramref name="site"/> (the only resources apply ever updates or deletes).</summary>
    public bool IsOwnedBy(string mesh, string site) => IsOwned(Tags, mesh, site);

    /// <summary>The ownership rule: the three tags every rendered resource carries (docs/lattice.md, "Names").</summary>
    public static bool IsOwned(IReadOnlyDictionary<string, string> tags, string mesh, string site) =>
        tags.GetValueOrDefault("meshfed.dev/managed-by") == "meshfed"
        && tags.GetValueOrDefault("meshfed.dev/mesh") == mesh
        && tags.GetValueOrDefault("meshfed.dev/site") == site;
}

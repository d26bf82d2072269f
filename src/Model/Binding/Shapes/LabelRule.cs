using MeshFed.Model.Yaml;

namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// A name with a naming rule: the checker the binder runs (<see cref="Read"/>), the equivalent JSON Schema
/// pattern, and what the schema says about it when the field does not say more.
/// </summary>
internal sealed record LabelRule(string Pattern, string Description, Func<BindContext, ManifestNode, string, string?> Read) : ValueRule
{
    /// <summary>An RFC 1035 DNS label: sites, services, namespaces, routes, port names.</summary>
    public static LabelRule Name { get; } = new(Names.DnsLabelPattern,
        "A DNS label: 1-63 lowercase letters, digits and '-', starting with a letter.", Scalars.DnsLabel);

    /// <summary>An RFC 1123 label: versions.</summary>
    public static LabelRule Version { get; } = new(Names.VersionLabelPattern,
        "A version label (RFC 1123: may start with a digit), e.g. v2 or 2024-11.", Scalars.VersionLabel);

    /// <summary>A Kubernetes label value: network names.</summary>
    public static LabelRule Network { get; } = new(Names.NetworkNamePattern,
        "Network name; sites on one network reach each other's workloads directly.", Scalars.NetworkName);
}

using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>Everything rendered for one Istio site.</summary>
public sealed record IstioRendering
{
    /// <summary>The site.</summary>
    public required string Site { get; init; }

    /// <summary>The profile used.</summary>
    public required IstioProfile Profile { get; init; }

    /// <summary>The resources, sorted by kind, namespace and name.</summary>
    public required IReadOnlyList<KubernetesObject> Resources { get; init; }

    /// <summary>Concepts the profile could not express.</summary>
    public required IReadOnlyList<TargetDiagnostic> Diagnostics { get; init; }
}

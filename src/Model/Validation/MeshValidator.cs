using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Runs every facet validator over a bound mesh. The order is the order findings are grouped in.</summary>
public static class MeshValidator
{
    /// <summary>The validators, one per facet.</summary>
    public static IReadOnlyList<IMeshValidator> Facets { get; } =
    [
        new UniquenessValidator(),
        new SiteValidator(),
        new ReferenceValidator(),
        new RouteValidator(),
        new ResilienceValidator(),
        new ReachabilityValidator(),
        new AppMeshLimitsValidator(),
        new SecurityValidator(),
        new WorkloadRoleValidator(),
        new TelemetryValidator(),
    ];

    /// <summary>Validates <paramref name="mesh"/>, adding findings to <paramref name="diagnostics"/>.</summary>
    public static void Validate(FederatedMesh mesh, SourceMap sources, DiagnosticBag diagnostics)
    {
        var context = new ValidationContext(mesh, sources, diagnostics);
        foreach (var facet in Facets)
        {
            facet.Validate(context);
        }
    }
}

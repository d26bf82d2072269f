using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed plan</c>: what apply would change in an App Mesh or VPC Lattice site, with field-level differences. Changes nothing.</summary>
/// <param name="output">Where to print.</param>
public sealed class PlanCommand(CliOutput output) : AppMeshSiteCommand("plan",
    "Compare an App Mesh or VPC Lattice site with the manifest and print the creates, updates and deletes apply would make.", RunAsync, output)
{
    /// <summary>Plans; exit 0 when there is no conflict.</summary>
    public static async Task<int> RunAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        var (opened, code) = await SiteSessions.OpenAndReportAsync(request, output, cancellationToken);
        if (opened is null)
            return code;
        using var session = opened;
        return session.Steps.Any(a => a.Action == PlanActionKind.Conflict) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}

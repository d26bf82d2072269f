using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;
using MeshFed.Federation.Output;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed plan</c>: what apply would change in an App Mesh or VPC Lattice site, with field-level differences. Changes nothing.</summary>
/// <param name="output">Where to print.</param>
public sealed class PlanCommand(CliOutput output) : AppMeshSiteCommand("plan",
    "Compare an App Mesh or VPC Lattice site with the manifest and print the creates, updates and deletes apply would make.", RunAsync, output)
{
    /// <summary>Plans; exit 0 when there is no conflict.</summary>
    public static async Task<int> RunAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        var (handled, latticeSession, latticeCode) = await LatticeSiteSession.TryOpenAsync(request.Path, request.Site, request.EndpointUrl, request.Lattice, output,
            cancellationToken, request.Migration);
        if (handled)
        {
            if (latticeSession is null)
                return latticeCode;
            latticeSession.Write(request.Json, output);
            return latticeSession.HasConflicts ? ExitCodes.InvalidInput : ExitCodes.Success;
        }
        if (request.Migration.Finish)
            return ApplyCommand.RefuseFinishOnAppMeshSite(output);
        var (session, code) = await AppMeshSiteSession.OpenAsync(request.Path, request.Site, request.EndpointUrl, output, cancellationToken);
        if (session is null)
            return code;
        PlanReport.Write(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, request.Json, output.Out);
        return session.Plan.Any(a => a.Action == PlanActionKind.Conflict) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}

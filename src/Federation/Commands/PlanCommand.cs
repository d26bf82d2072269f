using System.CommandLine;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;
using MeshFed.Federation.Output;

namespace MeshFed.Federation.Commands;

/// <summary><c>meshfed plan</c>: what apply would change in an App Mesh or VPC Lattice site, with field-level differences. Changes nothing.</summary>
public static class PlanCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output) => AppMeshCommandOptions.Create("plan",
        "Compare an App Mesh or VPC Lattice site with the manifest and print the creates, updates and deletes apply would make.", RunAsync, output);

    /// <summary>Plans; exit 0 when there is no conflict.</summary>
    public static async Task<int> RunAsync(string path, string? site, string? endpoint, bool json, LatticeApplyInputs lattice, CliOutput output)
    {
        var (handled, latticeSession, latticeCode) = await LatticeSiteSession.TryOpenAsync(path, site, endpoint, lattice, output);
        if (handled)
        {
            if (latticeSession is null)
                return latticeCode;
            PlanReport.Write(latticeSession.Rendering.Site, latticeSession.Client.Options.Endpoint, latticeSession.Plan.Actions, json, output.Out, "VPC Lattice");
            return latticeSession.Plan.Actions.Any(a => a.Action == PlanActionKind.Conflict) ? ExitCodes.InvalidInput : ExitCodes.Success;
        }
        var (session, code) = await AppMeshSiteSession.OpenAsync(path, site, endpoint, output);
        if (session is null)
            return code;
        PlanReport.Write(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, json, output.Out);
        return session.Plan.Any(a => a.Action == PlanActionKind.Conflict) ? ExitCodes.InvalidInput : ExitCodes.Success;
    }
}

using System.CommandLine;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;
using MeshFed.Federation.Output;

namespace MeshFed.Federation.Commands;

/// <summary>
/// <c>meshfed apply</c>: makes an App Mesh or VPC Lattice site match the manifest by executing exactly the plan,
/// in dependency order, touching only resources tagged as this mesh's. Safe to re-run after a failure; a
/// second apply makes no write call.
/// </summary>
public static class ApplyCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliOutput output) => AppMeshCommandOptions.Create("apply",
        "Make an App Mesh or VPC Lattice site match the manifest (the changes plan prints, nothing else).", RunAsync, output);

    /// <summary>Applies; exit 0 when the site matches the manifest afterwards.</summary>
    public static async Task<int> RunAsync(string path, string? site, string? endpoint, bool json, LatticeApplyInputs lattice, CliOutput output)
    {
        var (handled, latticeSession, latticeCode) = await LatticeSiteSession.TryOpenAsync(path, site, endpoint, lattice, output);
        if (handled)
        {
            if (latticeSession is null)
                return latticeCode;
            PlanReport.Write(latticeSession.Rendering.Site, latticeSession.Client.Options.Endpoint, latticeSession.Plan.Actions, json, output.Out, "VPC Lattice");
            return await RunAsync(() => LatticeApplier.ApplyAsync(latticeSession.Client, latticeSession.Plan), () => latticeSession.Client.Retries, json, output);
        }
        var (session, code) = await AppMeshSiteSession.OpenAsync(path, site, endpoint, output);
        if (session is null)
            return code;
        PlanReport.Write(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, json, output.Out);
        return await RunAsync(() => AppMeshApplier.ApplyAsync(session.Client, session.Rendering.MeshName, session.Plan), () => session.Client.Retries, json, output);
    }

    private static async Task<int> RunAsync(Func<Task<ApplyResult>> apply, Func<long> retries, bool json, CliOutput output)
    {
        try
        {
            var result = await apply();
            if (!json)
            {
                output.Out.WriteLine($"applied: {result.Created} created, {result.Updated} updated, {result.Deleted} deleted " +
                    $"({result.Writes} write calls, {retries()} retried)");
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is AppMeshException or LatticeException or InvalidOperationException)
        {
            output.Error.WriteLine($"meshfed: apply stopped: {e.Message}");
            output.Error.WriteLine("What was applied before the failure stays; run apply again to continue from there.");
            return ExitCodes.InvalidInput;
        }
    }
}

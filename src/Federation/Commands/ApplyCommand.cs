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
/// <param name="output">Where to print.</param>
public sealed class ApplyCommand(CliOutput output) : AppMeshSiteCommand("apply",
    "Make an App Mesh or VPC Lattice site match the manifest (the changes plan prints, nothing else).", RunAsync, output)
{
    /// <summary>Applies; exit 0 when the site matches the manifest afterwards.</summary>
    public static async Task<int> RunAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken = default)
    {
        var (handled, latticeSession, latticeCode) = await LatticeSiteSession.TryOpenAsync(request.Path, request.Site, request.EndpointUrl, request.Lattice, output,
            cancellationToken, request.Migration);
        if (handled)
        {
            if (latticeSession is null)
                return latticeCode;
            latticeSession.Write(request.Json, output);
            return await RunAsync(() => latticeSession.ApplyAsync(cancellationToken), () => latticeSession.Retries, request.Json, output, cancellationToken);
        }
        if (request.Migration.Finish)
            return RefuseFinishOnAppMeshSite(output);
        var (session, code) = await AppMeshSiteSession.OpenAsync(request.Path, request.Site, request.EndpointUrl, output, cancellationToken);
        if (session is null)
            return code;
        PlanReport.Write(session.Rendering.Site, session.Client.Options.Endpoint, session.Plan, request.Json, output.Out);
        return await RunAsync(() => AppMeshApplier.ApplyAsync(session.Client, session.Rendering.MeshName, session.Plan, cancellationToken),
            () => session.Client.Retries, request.Json, output, cancellationToken);
    }

    /// <summary><c>--finish-migration</c> on an App Mesh site: there is nothing to migrate to yet.</summary>
    internal static int RefuseFinishOnAppMeshSite(CliOutput output)
    {
        output.Error.WriteLine("meshfed: --finish-migration deletes the App Mesh side of a site that has moved to VPC Lattice; this site still runs mesh: appmesh " +
            "(set mesh: vpc-lattice and migration: {from: appmesh, latticeWeight: 0} to start the move: docs/migration.md)");
        return ExitCodes.Usage;
    }

    private static async Task<int> RunAsync(Func<Task<ApplyResult>> apply, Func<long> retries, bool json, CliOutput output, CancellationToken cancellationToken)
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
            // The API refused or did not answer (the plan was sound), or resources meshfed does not own sit under
            // its names (refused before any write: the input must change).
            return e is AppMeshException or LatticeException ? ExitCodes.RemoteFailed : ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error.WriteLine("meshfed: apply stopped (Ctrl+C): what was applied stays; run apply again to continue from there (plan shows where it stands).");
            return ExitCodes.Cancelled;
        }
    }
}

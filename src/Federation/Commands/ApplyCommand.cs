using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Control;

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
        var (opened, code) = await SiteSessions.OpenAndReportAsync(request, output, cancellationToken);
        if (opened is null)
            return code;
        using var session = opened;
        return await RunAsync(() => session.ApplyAsync(cancellationToken), () => session.Retries, request.Json, output, cancellationToken);
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

using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Migration;
using MeshFed.Federation.Cli;
using MeshFed.Model;

namespace MeshFed.Federation.Control;

/// <summary>
/// The App Mesh half of plan and apply for a <c>vpc-lattice</c> site leaving App Mesh (docs/migration.md): read only when the
/// site has <c>migration:</c> or the user passes <c>--finish-migration</c>. App Mesh is past its end of support, so a Lattice
/// site that never ran on it should not depend on its API.
/// </summary>
/// <remarks>
/// The session owns the HTTP client its App Mesh client talks through (the client only borrows it), and disposes it with
/// itself; the Lattice session that holds this side disposes it with its own. A side that could not open disposes it
/// before returning.
/// </remarks>
internal sealed class AppMeshSideSession(AppMeshClient client, AppMeshSidePlan plan, string meshName, HttpClient http) : IDisposable
{
    /// <summary>The App Mesh client, valid until the session is disposed.</summary>
    public AppMeshClient Client { get; } = client;

    /// <summary>The App Mesh side's plan.</summary>
    public AppMeshSidePlan Plan { get; } = plan;

    /// <summary>The App Mesh mesh's name.</summary>
    public string MeshName { get; } = meshName;

    /// <summary>Closes the side's connections.</summary>
    public void Dispose() => http.Dispose();

    /// <summary>True when plan and apply read App Mesh for <paramref name="site"/>.</summary>
    public static bool Wanted(Site site, bool finish) => finish || site.Migration is not null;

    /// <summary>
    /// Why <c>--finish-migration</c> is refused for <paramref name="site"/>, or null: deleting App Mesh would drop the share
    /// Lattice still hands it, so the user's say is <c>latticeWeight: 100</c> first. Asked before any call.
    /// </summary>
    public static string? RefuseFinish(Site site, bool finish) =>
        finish && site.Migration is { AppMeshServesTraffic: true } migration
            ? $"--finish-migration would delete the App Mesh side of site '{site.Name}' while Lattice still hands it {SiteMigration.FullWeight - migration.LatticeWeight}% of the requests " +
              $"(migration.latticeWeight is {migration.LatticeWeight}); set latticeWeight: 100 (or remove 'migration'), apply, watch the traffic, then finish"
            : null;

    /// <summary>Reads the mesh and plans its side; an error message when that cannot be done (nothing was changed).</summary>
    public static async Task<(AppMeshSideSession? Session, int ExitCode, string? Error)> OpenAsync(FederatedMesh mesh, Site site, Uri? endpoint,
        AwsCredentials credentials, bool finish, CancellationToken cancellationToken)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new AppMeshClient(http, () => credentials, new AppMeshClientOptions { Region = site.Region!, EndpointUrl = endpoint });
        try
        {
            var actual = await AppMeshStateReader.ReadAsync(client, mesh.Name, cancellationToken);
            return (new AppMeshSideSession(client, AppMeshSide.Plan(mesh, site, actual, finish), mesh.Name, http), ExitCodes.Success, null);
        }
        catch (AppMeshException e)
        {
            http.Dispose();
            return (null, ExitCodes.RemoteFailed, $"reading App Mesh mesh '{mesh.Name}' for the migration of site '{site.Name}' at {client.Options.Endpoint}: {e.Message}");
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }
}

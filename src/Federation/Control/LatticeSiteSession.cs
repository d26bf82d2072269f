using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Output;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Control;

/// <summary>
/// What plan and apply share for a <c>mesh: vpc-lattice</c> site, once the manifest is valid: render the site, fill in
/// the apply inputs (<c>--vpc-id</c>, <c>--certificate-arn</c>), connect with the standard credential chain (or a
/// loopback <c>--endpoint-url</c>), read what exists and plan. The App Mesh session handles every other site.
/// </summary>
/// <remarks>
/// The session owns the HTTP client its Lattice client talks through, and the App Mesh side of a site leaving App Mesh
/// (with that side's HTTP client), and disposes them with itself.
/// </remarks>
internal sealed class LatticeSiteSession(LatticeRendering rendering, LatticeClient client, LatticePlan plan, HttpClient http, AppMeshSideSession? appMesh = null)
    : ISiteSession
{
    /// <summary>The site's rendering.</summary>
    public LatticeRendering Rendering { get; } = rendering;

    /// <summary>The VPC Lattice client, valid until the session is disposed.</summary>
    public LatticeClient Client { get; } = client;

    /// <summary>What apply would change on the Lattice side.</summary>
    public LatticePlan Plan { get; } = plan;

    /// <summary>The App Mesh side, for a site leaving App Mesh (docs/migration.md); null otherwise.</summary>
    public AppMeshSideSession? AppMesh { get; } = appMesh;

    /// <inheritdoc/>
    public string Site => Rendering.Site;

    /// <inheritdoc/>
    public IReadOnlyList<IPlanStep> Steps => AppMesh is null ? Plan.Actions : [.. Plan.Actions, .. AppMesh.Plan.Steps];

    /// <summary>Requests retried on either side.</summary>
    public long Retries => Client.Retries + (AppMesh?.Client.Retries ?? 0);

    /// <summary>Closes the session's connections, the App Mesh side's too.</summary>
    public void Dispose()
    {
        AppMesh?.Dispose();
        http.Dispose();
    }

    /// <summary>
    /// The session when the command is for a Lattice site (<paramref name="siteName"/> is one, or none is named and
    /// the mesh's only AWS API site is one); Handled is false otherwise, and the App Mesh session takes over.
    /// </summary>
    public static async Task<(bool Handled, LatticeSiteSession? Session, int ExitCode)> TryOpenAsync(ManifestLoadResult loaded, string? siteName, string? endpointUrl,
        LatticeApplyInputs inputs, MigrationOptions migration, CliOutput output, CancellationToken cancellationToken = default)
    {
        var mesh = loaded.Mesh ?? throw new ArgumentException("the manifest is not valid", nameof(loaded));
        var lattice = mesh.Sites.Where(LatticeTranslator.Renders).ToList();
        var site = siteName is null
            ? (lattice.Count == 1 && !mesh.Sites.Any(AppMeshTranslator.Renders) ? lattice[0] : null)
            : lattice.FirstOrDefault(s => s.Name == siteName);
        if (site is null)
            return (false, null, ExitCodes.Success);
        Uri? endpoint = null;
        if (endpointUrl is not null && !Uri.TryCreate(endpointUrl, UriKind.Absolute, out endpoint))
            return Fail(output, ExitCodes.Usage, $"--endpoint-url '{endpointUrl}' is not an absolute URL");
        if (AppMeshSideSession.RefuseFinish(site, migration.Finish) is { } refusal)
            return Fail(output, ExitCodes.Usage, refusal);
        Uri? appMeshEndpoint = null;
        if (migration.AppMeshEndpointUrl is { } appMeshUrl && !Uri.TryCreate(appMeshUrl, UriKind.Absolute, out appMeshEndpoint))
            return Fail(output, ExitCodes.Usage, $"--appmesh-endpoint-url '{appMeshUrl}' is not an absolute URL");
        var rendering = LatticeTranslator.Translate(mesh, site.Name, new LatticeRenderOptions { Sources = loaded.Sources });
        if (rendering.Errors.Count > 0)
        {
            foreach (var error in rendering.Errors)
                output.Error.WriteLine(error);
            return (true, null, ExitCodes.InvalidInput);
        }
        IReadOnlyList<LatticeDesired> desired;
        try
        {
            desired = LatticeDesired.From(rendering, inputs);
        }
        catch (InvalidOperationException e)
        {
            return Fail(output, ExitCodes.Usage, $"site '{site.Name}' is on VPC Lattice: {e.Message}");
        }
        AwsCredentials credentials;
        try
        {
            credentials = AwsCredentialChain.Resolve();
        }
        catch (InvalidOperationException e)
        {
            return Fail(output, ExitCodes.InvalidInput, e.Message);
        }
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new LatticeClient(http, () => credentials, new LatticeClientOptions { Region = site.Region!, EndpointUrl = endpoint });
        try
        {
            var actual = await LatticeStateReader.ReadAsync(client, desired, mesh.Name, site.Name, cancellationToken);
            var plan = LatticePlanner.Plan(desired, actual, mesh.Name, site.Name);
            if (!AppMeshSideSession.Wanted(site, migration.Finish))
                return (true, new LatticeSiteSession(rendering, client, plan, http), ExitCodes.Success);
            var (appMesh, code, error) = await AppMeshSideSession.OpenAsync(mesh, site, appMeshEndpoint, credentials, migration.Finish, cancellationToken);
            if (appMesh is null)
            {
                http.Dispose();
                return Fail(output, code, error!);
            }
            return (true, new LatticeSiteSession(rendering, client, plan, http, appMesh), ExitCodes.Success);
        }
        catch (LatticeException e)
        {
            http.Dispose();
            return Fail(output, ExitCodes.RemoteFailed, $"reading VPC Lattice for site '{site.Name}' at {client.Options.Endpoint}: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            http.Dispose();
            return Fail(output, ExitCodes.Cancelled, $"stopped (Ctrl+C) while reading VPC Lattice for site '{site.Name}' at {client.Options.Endpoint}; nothing was changed");
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static (bool, LatticeSiteSession?, int) Fail(CliOutput output, int code, string message)
    {
        output.Error.WriteLine($"meshfed: {message}");
        return (true, null, code);
    }

    /// <summary>Prints the plan: the Lattice side, and for a site leaving App Mesh the App Mesh side, labelled.</summary>
    public void WritePlan(bool json, TextWriter writer)
    {
        if (AppMesh is null)
        {
            PlanReport.Write(Site, Client.Options.Endpoint, Plan.Actions, json, writer, "VPC Lattice");
            return;
        }
        PlanReport.WriteMigration(Site, (Client.Options.Endpoint, Plan.Actions), (AppMesh.Client.Options.Endpoint, AppMesh.Plan.Steps, AppMesh.Plan.Note), json, writer);
    }

    /// <summary>
    /// Applies in the order that keeps traffic flowing: conflicts on either side refuse everything before any write; then
    /// App Mesh creates and updates (the ingress must route a share before Lattice hands it one), then Lattice, then App Mesh
    /// deletes (after Lattice has stopped handing App Mesh anything). A failure leaves what was done; re-running continues.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(CancellationToken cancellationToken)
    {
        if (AppMesh is null)
            return await LatticeApplier.ApplyAsync(Client, Plan, cancellationToken);
        var appMeshConflicts = AppMesh.Plan.Steps.Where(a => a.Action == PlanActionKind.Conflict).ToList();
        if (appMeshConflicts.Count > 0)
        {
            throw new InvalidOperationException(
                $"{appMeshConflicts.Count} App Mesh resource(s) exist under the names meshfed wants but are not managed by this mesh and site " +
                $"(first: {appMeshConflicts[0].Kind} {appMeshConflicts[0].Name}); nothing was changed on either side. Rename or remove them, or tag them if they are meshfed's.");
        }
        if (Plan.Actions.FirstOrDefault(a => a.Action == PlanActionKind.Conflict) is { } latticeConflict)
        {
            throw new InvalidOperationException(
                $"VPC Lattice {latticeConflict.Kind} {latticeConflict.Name} cannot be made to match the manifest ({latticeConflict.Differences.FirstOrDefault()}); nothing was changed on either side.");
        }
        var before = await AppMeshApplier.ApplyAsync(AppMesh.Client, AppMesh.MeshName, AppMesh.Plan.Upserts, cancellationToken);
        var lattice = await LatticeApplier.ApplyAsync(Client, Plan, cancellationToken);
        var after = await AppMeshApplier.ApplyAsync(AppMesh.Client, AppMesh.MeshName, AppMesh.Plan.Deletes, cancellationToken);
        return new ApplyResult(before.Created + lattice.Created, before.Updated + lattice.Updated, lattice.Deleted + after.Deleted);
    }
}

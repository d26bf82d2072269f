using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model;

namespace MeshFed.Federation.Control;

/// <summary>
/// What plan and apply share, once the manifest is valid: pick the App Mesh site, render it, connect with the
/// standard credential chain (or a loopback <c>--endpoint-url</c>), read what exists and plan.
/// </summary>
/// <remarks>
/// The session owns the HTTP client its App Mesh client talks through (the client does not: tests lend it theirs),
/// and disposes it with itself; a session that could not open disposes it before returning.
/// </remarks>
internal sealed class AppMeshSiteSession(AppMeshRendering rendering, AppMeshClient client, IReadOnlyList<PlanAction> plan, HttpClient http) : ISiteSession
{
    /// <summary>The site's rendering.</summary>
    public AppMeshRendering Rendering { get; } = rendering;

    /// <summary>The App Mesh client, valid until the session is disposed.</summary>
    public AppMeshClient Client { get; } = client;

    /// <summary>What apply would change.</summary>
    public IReadOnlyList<PlanAction> Plan { get; } = plan;

    /// <inheritdoc/>
    public string Site => Rendering.Site;

    /// <inheritdoc/>
    public IReadOnlyList<IPlanStep> Steps => Plan;

    /// <inheritdoc/>
    public long Retries => Client.Retries;

    /// <inheritdoc/>
    public void WritePlan(bool json, TextWriter writer) => PlanReport.Write(Site, Client.Options.Endpoint, Plan, json, writer);

    /// <inheritdoc/>
    public Task<ApplyResult> ApplyAsync(CancellationToken cancellationToken) => AppMeshApplier.ApplyAsync(Client, Rendering.MeshName, Plan, cancellationToken);

    /// <summary>Closes the session's connections.</summary>
    public void Dispose() => http.Dispose();

    /// <summary>Builds the session, or prints why it cannot and returns the exit code.</summary>
    public static async Task<(AppMeshSiteSession? Session, int ExitCode)> OpenAsync(FederatedMesh mesh, string? siteName, string? endpointUrl, CliOutput output,
        CancellationToken cancellationToken = default)
    {
        var sites = mesh.Sites.Where(AppMeshTranslator.Renders).ToList();
        var site = siteName is null ? (sites.Count == 1 ? sites[0] : null) : sites.FirstOrDefault(s => s.Name == siteName);
        if (site is null)
        {
            // The Lattice session has already declined the site: name both kinds plan and apply can take.
            var lattice = mesh.Sites.Where(Adapters.Aws.Lattice.LatticeTranslator.Renders).Select(s => s.Name).ToList();
            var known = $"App Mesh sites: {Names(sites.Select(s => s.Name))}; VPC Lattice sites: {Names(lattice)}";
            output.Error.WriteLine(sites.Count == 0 && lattice.Count == 0
                ? $"meshfed: mesh '{mesh.Name}' has no App Mesh or VPC Lattice site"
                : $"meshfed: {(siteName is null ? "name the site with --site" : $"site '{siteName}' is not an App Mesh site (nor a VPC Lattice one) of mesh '{mesh.Name}'")}; {known}");
            return (null, ExitCodes.Usage);
        }
        Uri? endpoint = null;
        if (endpointUrl is not null && !Uri.TryCreate(endpointUrl, UriKind.Absolute, out endpoint))
        {
            output.Error.WriteLine($"meshfed: --endpoint-url '{endpointUrl}' is not an absolute URL");
            return (null, ExitCodes.Usage);
        }
        AwsCredentials credentials;
        try
        {
            credentials = AwsCredentialChain.Resolve();
        }
        catch (InvalidOperationException e)
        {
            output.Error.WriteLine($"meshfed: {e.Message}");
            return (null, ExitCodes.InvalidInput);
        }
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new AppMeshClient(http, () => credentials, new AppMeshClientOptions { Region = site.Region!, EndpointUrl = endpoint });
        var rendering = AppMeshTranslator.Translate(mesh, site.Name);
        try
        {
            var actual = await AppMeshStateReader.ReadAsync(client, rendering.MeshName, cancellationToken);
            return (new AppMeshSiteSession(rendering, client, AppMeshPlanner.Plan(rendering, actual), http), ExitCodes.Success);
        }
        catch (AppMeshException e)
        {
            http.Dispose();
            output.Error.WriteLine($"meshfed: reading mesh '{rendering.MeshName}' at {client.Options.Endpoint}: {e.Message}");
            return (null, ExitCodes.RemoteFailed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            http.Dispose();
            output.Error.WriteLine($"meshfed: stopped (Ctrl+C) while reading mesh '{rendering.MeshName}' at {client.Options.Endpoint}; nothing was changed");
            return (null, ExitCodes.Cancelled);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static string Names(IEnumerable<string> sites) => string.Join(", ", sites) is { Length: > 0 } names ? names : "none";
}

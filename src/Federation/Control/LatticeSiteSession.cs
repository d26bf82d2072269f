using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.AppMesh.Reconcile;
using MeshFed.Adapters.Aws.Reconcile;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Control;

/// <summary>
/// What plan and apply share for a <c>mesh: vpc-lattice</c> site, once the manifest is valid: render the site, fill in
/// the apply inputs (<c>--vpc-id</c>, <c>--certificate-arn</c>), connect with the standard credential chain (or a
/// loopback <c>--endpoint-url</c>), read what exists and plan. The App Mesh session handles every other site.
/// </summary>
/// <remarks>The session owns the HTTP client its Lattice client talks through, and disposes it with itself.</remarks>
internal sealed class LatticeSiteSession(LatticeRendering rendering, LatticeClient client, LatticePlan plan, HttpClient http) : ISiteSession
{
    /// <summary>The site's rendering.</summary>
    public LatticeRendering Rendering { get; } = rendering;

    /// <summary>The VPC Lattice client, valid until the session is disposed.</summary>
    public LatticeClient Client { get; } = client;

    /// <summary>What apply would change.</summary>
    public LatticePlan Plan { get; } = plan;

    /// <inheritdoc/>
    public string Site => Rendering.Site;

    /// <inheritdoc/>
    public string Api => "VPC Lattice";

    /// <inheritdoc/>
    public Uri Endpoint => Client.Options.Endpoint;

    /// <inheritdoc/>
    public IReadOnlyList<IPlanStep> Steps => Plan.Actions;

    /// <inheritdoc/>
    public long Retries => Client.Retries;

    /// <inheritdoc/>
    public Task<ApplyResult> ApplyAsync(CancellationToken cancellationToken) => LatticeApplier.ApplyAsync(Client, Plan, cancellationToken);

    /// <summary>Closes the session's connections.</summary>
    public void Dispose() => http.Dispose();

    /// <summary>
    /// The session when the command is for a Lattice site (<paramref name="siteName"/> is one, or none is named and
    /// the mesh's only AWS API site is one); Handled is false otherwise, and the App Mesh session takes over.
    /// </summary>
    public static async Task<(bool Handled, LatticeSiteSession? Session, int ExitCode)> TryOpenAsync(ManifestLoadResult loaded, string? siteName, string? endpointUrl,
        LatticeApplyInputs inputs, CliOutput output, CancellationToken cancellationToken = default)
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
            return (true, new LatticeSiteSession(rendering, client, LatticePlanner.Plan(desired, actual, mesh.Name, site.Name), http), ExitCodes.Success);
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
}

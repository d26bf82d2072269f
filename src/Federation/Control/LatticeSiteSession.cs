using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Client;
using MeshFed.Adapters.Aws.Lattice.Reconcile;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model;
using MeshFed.Model.Loading;

namespace MeshFed.Federation.Control;

/// <summary>
/// What plan and apply share for a <c>mesh: vpc-lattice</c> site: validate the manifest, render the site, fill in
/// the apply inputs (<c>--vpc-id</c>, <c>--certificate-arn</c>), connect with the standard credential chain (or a
/// loopback <c>--endpoint-url</c>), read what exists and plan. The App Mesh session handles every other site.
/// </summary>
internal sealed record LatticeSiteSession(LatticeRendering Rendering, LatticeClient Client, LatticePlan Plan)
{
    /// <summary>
    /// The session when the command is for a Lattice site (<paramref name="siteName"/> is one, or none is named and
    /// the mesh's only AWS API site is one); Handled is false otherwise, and the App Mesh session takes over.
    /// </summary>
    public static async Task<(bool Handled, LatticeSiteSession? Session, int ExitCode)> TryOpenAsync(string path, string? siteName, string? endpointUrl,
        LatticeApplyInputs inputs, CliOutput output, CancellationToken cancellationToken = default)
    {
        var loaded = ManifestLoader.Load(path);
        if (loaded.Mesh is not { } mesh)
            return (false, null, ExitCodes.InvalidInput);
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
        var client = new LatticeClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, () => credentials,
            new LatticeClientOptions { Region = site.Region!, EndpointUrl = endpoint });
        try
        {
            var actual = await LatticeStateReader.ReadAsync(client, desired, mesh.Name, site.Name, cancellationToken);
            return (true, new LatticeSiteSession(rendering, client, LatticePlanner.Plan(desired, actual, mesh.Name, site.Name)), ExitCodes.Success);
        }
        catch (LatticeException e)
        {
            return Fail(output, ExitCodes.RemoteFailed, $"reading VPC Lattice for site '{site.Name}' at {client.Options.Endpoint}: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(output, ExitCodes.Cancelled, $"stopped (Ctrl+C) while reading VPC Lattice for site '{site.Name}' at {client.Options.Endpoint}; nothing was changed");
        }
    }

    private static (bool, LatticeSiteSession?, int) Fail(CliOutput output, int code, string message)
    {
        output.Error.WriteLine($"meshfed: {message}");
        return (true, null, code);
    }
}

using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;

namespace MeshFed.Federation.Control;

/// <summary>Opens the session plan and apply work on, from a manifest loaded and validated once.</summary>
internal static class SiteSessions
{
    /// <summary>
    /// The session of the request's site with its plan printed (both commands show it first: apply executes exactly
    /// it), or null and the exit code after saying why there is none.
    /// </summary>
    public static async Task<(ISiteSession? Session, int ExitCode)> OpenAndReportAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken)
    {
        var (session, code) = await OpenAsync(request, output, cancellationToken);
        session?.WritePlan(request.Json, output.Out);
        return (session, code);
    }

    /// <summary>The session of the request's site (VPC Lattice if it is one, else App Mesh), or null and the exit code after saying why not.</summary>
    private static async Task<(ISiteSession? Session, int ExitCode)> OpenAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken)
    {
        if (ManifestInput.LoadWithSourcesOrReport(request.Path, output) is not { Mesh: { } mesh } loaded)
            return (null, ExitCodes.InvalidInput);
        var (handled, lattice, latticeCode) = await LatticeSiteSession.TryOpenAsync(loaded, request.Site, request.EndpointUrl, request.Lattice, request.Migration,
            output, cancellationToken);
        if (handled)
            return (lattice, latticeCode);
        if (request.Migration.Finish)
            return (null, RefuseFinishOnAppMeshSite(output));
        return await AppMeshSiteSession.OpenAsync(mesh, request.Site, request.EndpointUrl, output, cancellationToken);
    }

    /// <summary><c>--finish-migration</c> on an App Mesh site: there is nothing to migrate to yet.</summary>
    private static int RefuseFinishOnAppMeshSite(CliOutput output)
    {
        output.Error.WriteLine("meshfed: --finish-migration deletes the App Mesh side of a site that has moved to VPC Lattice; this site still runs mesh: appmesh " +
            "(set mesh: vpc-lattice and migration: {from: appmesh, latticeWeight: 0} to start the move: docs/migration.md)");
        return ExitCodes.Usage;
    }
}

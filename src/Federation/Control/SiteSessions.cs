using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Output;

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
        if (session is not null)
            PlanReport.Write(session.Site, session.Endpoint, session.Steps, request.Json, output.Out, session.Api);
        return (session, code);
    }

    /// <summary>The session of the request's site (VPC Lattice if it is one, else App Mesh), or null and the exit code after saying why not.</summary>
    private static async Task<(ISiteSession? Session, int ExitCode)> OpenAsync(AppMeshSiteRequest request, CliOutput output, CancellationToken cancellationToken)
    {
        if (ManifestInput.LoadWithSourcesOrReport(request.Path, output) is not { Mesh: { } mesh } loaded)
            return (null, ExitCodes.InvalidInput);
        var (handled, lattice, latticeCode) = await LatticeSiteSession.TryOpenAsync(loaded, request.Site, request.EndpointUrl, request.Lattice, output, cancellationToken);
        if (handled)
            return (lattice, latticeCode);
        return await AppMeshSiteSession.OpenAsync(mesh, request.Site, request.EndpointUrl, output, cancellationToken);
    }
}

using MeshFed.Federation.Cli;
using MeshFed.Federation.Output;
using MeshFed.Model;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>What the Kubernetes targets share: a folder per site, written one site at a time, then the resource table.</summary>
internal static class SiteFolders
{
    /// <summary>
    /// Writes each site with <paramref name="writeSite"/> (its folder is <c>OutFolder/&lt;site&gt;</c>) and prints
    /// <see cref="RenderSummary"/>. Ctrl+C is honoured between sites, never inside one.
    /// </summary>
    public static int Write(RenderJob job, Func<Site, string, SiteRenderSummary> writeSite)
    {
        var summaries = new List<SiteRenderSummary>();
        foreach (var site in job.Sites)
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            summaries.Add(writeSite(site, Path.Combine(job.OutFolder, site.Name)));
        }
        RenderSummary.Write(summaries, job.OutFolder, job.Output.Out);
        return ExitCodes.Success;
    }

    /// <summary>Writes <paramref name="stream"/> to standard output and the summary to standard error.</summary>
    public static int Stream(RenderJob job, IReadOnlyList<System.Text.StringBuilder> stream, SiteRenderSummary summary, string destination)
    {
        job.CancellationToken.ThrowIfCancellationRequested();
        YamlStreamWriter.Write(job.Output.Out, stream);
        RenderSummary.Write([summary], destination, job.Output.Error);
        return ExitCodes.Success;
    }
}

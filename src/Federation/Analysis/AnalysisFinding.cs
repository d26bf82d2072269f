using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// One reason paths break (or degrade), reported once with every path it affects: where it stops, the
/// manifest position to change, the rendered file and resource that show it, and the fix.
/// </summary>
internal sealed record AnalysisFinding
{
    /// <summary>Error: traffic does not flow (or fails at apply). Warning: it flows, but not as the manifest says.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The stable code (<see cref="AnalysisCodes"/>).</summary>
    public required string Code { get; init; }

    /// <summary>The hop where the paths stop.</summary>
    public required Hop Hop { get; init; }

    /// <summary>The site whose rendering or deployment holds the fault.</summary>
    public required string Site { get; init; }

    /// <summary>The service, as <c>namespace/name</c>, when the fault is about one.</summary>
    public string? Service { get; init; }

    /// <summary>What is wrong.</summary>
    public required string Message { get; init; }

    /// <summary>What to change.</summary>
    public required string Fix { get; init; }

    /// <summary>The rendered file (relative to <see cref="RenderedSite"/>'s output folder), or the module that creates the deployment.</summary>
    public string? File { get; init; }

    /// <summary>
    /// The site whose rendering holds <see cref="File"/>, which is not always <see cref="Site"/> (a caller site's path
    /// denied by the serving site's policy); null when <see cref="File"/> is a module.
    /// </summary>
    public string? RenderedSite { get; init; }

    /// <summary>The rendered resource, <c>Kind namespace/name</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The manifest path of the declaration to change.</summary>
    public required string ManifestPath { get; init; }

    /// <summary>Where that declaration is written.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The paths this stops (caller site → service:port, route, target), each listed once.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>The one-line form, in the style of <c>validate</c>: <c>file:line:col: error MF700: path: message. fix</c>.</summary>
    public override string ToString()
    {
        var where = Location is null ? "" : $"{Location}: ";
        var severity = Severity == Severity.Error ? "error" : "warning";
        var path = ManifestPath.Length == 0 ? "" : $"{ManifestPath}: ";
        var stop = Message.EndsWith('.') ? "" : ".";
        return $"{where}{severity} {Code}: {path}site {Site}: {Message}{stop} {Fix}";
    }
}

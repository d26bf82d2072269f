namespace MeshFed.Federation.Analysis;

/// <summary>One path being walked: the hops it took, the first finding that stopped it, and what degraded it.</summary>
internal sealed class PathTrace(string id)
{
    private readonly List<string> _via = [];
    private readonly List<AnalysisFinding> _warnings = [];

    /// <summary>The path, for people: <c>caller → service:port [route] version@site (weight%)</c>.</summary>
    public string Id { get; } = id;

    /// <summary>The hops taken, for the path table.</summary>
    public IReadOnlyList<string> Via => _via;

    /// <summary>The finding that stopped the path, or null when it works.</summary>
    public AnalysisFinding? Broken { get; private set; }

    /// <summary>Findings that let the path work, not as the manifest says.</summary>
    public IReadOnlyList<AnalysisFinding> Warnings => _warnings;

    /// <summary>Records a hop taken.</summary>
    public void Step(string hop) => _via.Add(hop);

    /// <summary>Stops the path at <paramref name="finding"/>; returns false so a hop can <c>return trace.Stop(...)</c>.</summary>
    public bool Stop(AnalysisFinding finding)
    {
        Broken ??= finding;
        return false;
    }

    /// <summary>Records a degradation; the path goes on.</summary>
    public void Warn(AnalysisFinding finding) => _warnings.Add(finding);
}

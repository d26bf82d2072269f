namespace MeshFed.Adapters.Gcp.Tests.Simulation;

/// <summary>A request as the simulator and the model-side oracle both see it; <paramref name="Port"/> is the service port it was sent to.</summary>
public sealed record SimRequest(string Path, string Method, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> Query, int? Port = null)
{
    public override string ToString() =>
        $"{Method} {(Port is { } port ? $":{port}" : "")}{Path}{(Query.Count == 0 ? "" : "?" + string.Join("&", Query.Select(q => $"{q.Key}={q.Value}")))} {string.Join(" ", Headers.Select(h => $"{h.Key}:{h.Value}"))}";
}

/// <summary>Where a share of traffic ends up: a site ("*" = the gateway chooses) and a version.</summary>
public readonly record struct Landing(string Site, string Version)
{
    public override string ToString() => $"{Version}@{Site}";
}

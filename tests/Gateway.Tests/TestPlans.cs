using MeshFed.Gateway.Config;
using MeshFed.Model;
using MeshFed.Model.Loading;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Plans and requests for unit tests of the gateway's parts (routing, load balancing, outlier ejection), built
/// from manifest text without any listener, so they run in microseconds instead of a loopback federation's seconds.
/// </summary>
public static class TestPlans
{
    /// <summary>The mesh of <paramref name="yaml"/>, which must be valid.</summary>
    public static FederatedMesh Load(string yaml)
    {
        var loaded = ManifestLoader.LoadText(yaml, "test.yaml");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
        return loaded.Mesh!;
    }

    /// <summary>The plan of <paramref name="site"/>'s gateway for <paramref name="yaml"/>.</summary>
    public static GatewayPlan Build(string yaml, string site, bool serveLocal = false, int trustGeneration = 0) =>
        GatewayPlan.Build(Load(yaml), new GatewaySettings { Site = site, ServeLocalTargets = serveLocal }, trustGeneration);

    /// <summary>The service named <paramref name="name"/> in <paramref name="plan"/>'s mesh.</summary>
    public static Service ServiceOf(GatewayPlan plan, string name) => plan.Mesh.Services.Single(s => s.Name == name);

    /// <summary>A request as the router sees it: <paramref name="target"/> is a path with an optional query.</summary>
    public static HttpRequest Request(string target = "/", string method = "GET", IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = method;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? target : target[..query];
        if (query >= 0)
            request.QueryString = new QueryString(target[query..]);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers[name] = value;
        return request;
    }
}

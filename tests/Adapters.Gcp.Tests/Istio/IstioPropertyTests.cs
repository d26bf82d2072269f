using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model;
using MeshFed.Model.Benchmarks;
using MeshFed.Model.Loading;

namespace MeshFed.Adapters.Gcp.Tests;

/// <summary>
/// Over many random meshes: every Istio route's weights add up to 100, subsets exist, resource ids are unique,
/// every VirtualService has routes (Istio rejects one with none), every http route says its retries (no implicit
/// Istio default), and shares sent to the gateway are not retried by the sidecar beyond connection failures.
/// </summary>
public class IstioPropertyTests
{
    private static readonly string[] s_notYetSent = ["connect-failure", "refused-stream"];

    [Theory]
    [InlineData(11)]
    [InlineData(22)]
    [InlineData(33)]
    [InlineData(44)]
    public void RandomMeshes_TranslateToConsistentResources(int seed)
    {
        var mesh = ManifestLoader.LoadText(ManifestGenerator.Generate(80, seed)).Mesh!;

        foreach (var site in mesh.Sites.Where(IstioTranslator.Renders))
        {
            var resources = IstioTranslator.Translate(mesh, site.Name).Resources;
            Assert.Equal(resources.Count, resources.Select(r => r.Id).Distinct().Count());
            var subsets = resources.Where(r => r.Kind == "DestinationRule")
                .SelectMany(r => (r.Spec["subsets"]?.AsArray() ?? []).Select(s => ((string)r.Spec["host"]!, (string)s!["name"]!)))
                .ToHashSet();
            foreach (var service in resources.Where(r => r.Kind == "VirtualService"))
            {
                Assert.True(service.Spec["http"] is not null || service.Spec["tcp"] is not null, $"{service.Id} has no routes");
                foreach (var http in service.Spec["http"]?.AsArray() ?? [])
                {
                    var retries = http!["retries"];
                    Assert.NotNull(retries);
                    var toGateway = http["route"]!.AsArray().Any(d => (string?)d!["destination"]!["host"] == DataPath.GatewayHost);
                    if (toGateway && retries!["attempts"]!.GetValue<int>() > 0)
                    {
                        Assert.Null(retries["perTryTimeout"]);
                        Assert.All(((string)retries["retryOn"]!).Split(','), c => Assert.Contains(c, s_notYetSent));
                    }
                }
                foreach (var route in (service.Spec["http"]?.AsArray() ?? []).Concat(service.Spec["tcp"]?.AsArray() ?? []))
                {
                    var destinations = route!["route"]!.AsArray();
                    Assert.Equal(100, destinations.Sum(d => d!["weight"]!.GetValue<int>()));
                    foreach (var destination in destinations)
                    {
                        var target = destination!["destination"]!;
                        if (target["subset"] is { } subset)
                            Assert.Contains(((string)target["host"]!, (string)subset!), subsets);
                        if ((string?)target["host"] == DataPath.GatewayHost)
                            Assert.Equal(DataPath.LocalListenerPort, target["port"]!["number"]!.GetValue<int>());
                    }
                }
            }
        }
    }
}

using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model;
using MeshFed.Model.Benchmarks;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Gcp.Tests.Simulation;

/// <summary>
/// For every manifest (examples, golden cases, random generated meshes) and every Istio site, the traffic
/// split the rendered resources produce for a request equals the split the manifest declares.
/// </summary>
public class RoutingSimulationTests
{
    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string>();
        foreach (var example in Directory.GetDirectories(RepoPaths.Of("examples")).Order(StringComparer.Ordinal))
            data.Add("example:" + Path.GetFileName(example));
        foreach (var golden in IstioGolden.Cases())
            data.Add("golden:" + golden);
        for (var seed = 1; seed <= 6; seed++)
            data.Add("generated:" + seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void RenderedRoutes_SplitTrafficAsDeclared(string source)
    {
        var mesh = Load(source);
        var checkedRequests = 0;
        var failures = new List<string>();
        foreach (var site in mesh.Sites.Where(IstioTranslator.Renders))
        {
            var simulator = new IstioSimulator(site.Name, IstioTranslator.Translate(mesh, site.Name).Resources);
            foreach (var service in mesh.Services.Where(s => s.IsVisibleFrom(site.Name) && s.Ports.Any(p => p.IsRequestAware)))
            {
                var ports = service.Ports.Where(p => p.IsRequestAware).Select(p => p.Port).ToList();
                foreach (var sampled in RequestSampler.For(service, count: 25, seed: service.Name.Length * 31 + site.Name.Length))
                {
                    var request = sampled with { Port = ports[checkedRequests % ports.Count] };
                    checkedRequests++;
                    var rendered = simulator.Route(service.Host, request);
                    var declared = ModelOracle.Route(service, site.Name, request);
                    if (!SameSplit(rendered, declared))
                        failures.Add($"{site.Name} {service.Name} {request}: rendered {Show(rendered)}, declared {Show(declared)}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        var routable = mesh.Services.Any(s => s.Ports.Any(p => p.IsRequestAware) && mesh.Sites.Any(site => IstioTranslator.Renders(site) && s.IsVisibleFrom(site.Name)));
        Assert.True(checkedRequests > 0 || !routable, "nothing was simulated");
    }

    private static FederatedMesh Load(string source)
    {
        var (kind, name) = (source.Split(':')[0], source.Split(':')[1]);
        var result = kind switch
        {
            "example" => ManifestLoader.Load(RepoPaths.Of($"examples/{name}")),
            "golden" => ManifestLoader.Load(Path.Combine(IstioGolden.Root, name, "manifest.yaml")),
            _ => ManifestLoader.LoadText(ManifestGenerator.Generate(40, int.Parse(name)), $"generated-{name}.yaml"),
        };
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Mesh!;
    }

    private static bool SameSplit(IReadOnlyDictionary<Landing, double>? a, IReadOnlyDictionary<Landing, double>? b) =>
        a is null || b is null
            ? a is null && b is null
            : a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var share) && Math.Abs(p.Value - share) < 1e-9);

    private static string Show(IReadOnlyDictionary<Landing, double>? split) =>
        split is null ? "404" : string.Join(", ", split.OrderBy(p => p.Key.ToString()).Select(p => $"{p.Key} {p.Value:P0}"));
}

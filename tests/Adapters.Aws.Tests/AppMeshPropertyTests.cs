using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Model.Benchmarks;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>Over many random meshes: translation never fails, every route's weights add up to 100, every reference resolves.</summary>
public class AppMeshPropertyTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(22)]
    [InlineData(33)]
    [InlineData(44)]
    public void RandomMeshes_TranslateToConsistentResources(int seed)
    {
        var mesh = ManifestLoader.LoadText(ManifestGenerator.Generate(80, seed)).Mesh!;

        foreach (var site in mesh.Sites.Where(AppMeshTranslator.Renders))
        {
            var rendering = AppMeshTranslator.Translate(mesh, site.Name);
            var nodes = rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.VirtualNode).Select(r => r.Name).ToHashSet();
            var routers = rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.VirtualRouter).Select(r => r.Name).ToHashSet();
            var services = rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.VirtualService).Select(r => r.Name).ToHashSet();
            foreach (var route in rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.Route))
            {
                Assert.Contains(route.RouterName!, routers);
                var (kind, body) = route.SpecJson().Single(p => p.Key.EndsWith("Route", StringComparison.Ordinal));
                var targets = body!["action"]!["weightedTargets"]!.AsArray();
                // The route type is its listener's protocol, and a router with several listeners needs ports (review rows 8, 11).
                var listeners = rendering.Resources.Single(r => r.Kind == AppMeshResourceKind.VirtualRouter && r.Name == route.RouterName).SpecJson()["listeners"]!.AsArray();
                var port = body["match"]?["port"]?.GetValue<int>();
                var listener = listeners.Count == 1 ? listeners[0]! : listeners.Single(l => (int)l!["portMapping"]!["port"]! == port)!;
                Assert.Equal((string)listener["portMapping"]!["protocol"]! + "Route", kind);
                if (listeners.Count > 1)
                    Assert.All(targets, t => Assert.NotNull(t!["port"]));
                Assert.InRange(targets.Count, 1, 10);
                Assert.Equal(100, targets.Sum(t => t!["weight"]!.GetValue<int>()));
                Assert.All(targets, t => Assert.Contains((string)t!["virtualNode"]!, nodes));
            }
            foreach (var node in rendering.Resources.Where(r => r.Kind == AppMeshResourceKind.VirtualNode))
            {
                foreach (var backend in node.SpecJson()["backends"]?.AsArray() ?? [])
                    Assert.Contains((string)backend!["virtualService"]!["virtualServiceName"]!, services);
            }
            Assert.Equal(rendering.Resources.Count, rendering.Resources.Select(r => (r.Kind, r.RouterName, r.Name)).Distinct().Count());
            var crs = AppMeshControllerTranslator.Translate(rendering);
            Assert.Equal(crs.Count, crs.Select(c => c.Id).Distinct().Count());
            Assert.All(crs, c => Assert.False(string.IsNullOrEmpty(YamlWriter.Write(c.ToJson()))));
        }
    }
}

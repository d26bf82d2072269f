using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Model;
using MeshFed.Model.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// Every rendered gateway-api/ object (the golden cases, examples/shop-lattice, and random meshes with their AWS sites
/// on Lattice) goes through tests/conformance/lattice/gateway-api.mjs: accepted by the official
/// @kubernetes-models/gateway-api models, valid and without unknown fields against the Gateway API v1.5.1 and AWS
/// Gateway API Controller v2.1.3 CRDs, and its references resolvable as the controller resolves them.
/// </summary>
public sealed class LatticeGatewayApiConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-lattice-gwapi-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RenderedObjects_AcceptedByTheOfficialModels_AndStrictlyByTheCrds()
    {
        var count = 0;
        var folders = 0;
        foreach (var mesh in LatticeGolden.ConformanceMeshes())
        {
            foreach (var site in mesh.Sites.Where(LatticeTranslator.Renders))
            {
                var rendering = LatticeTranslator.Translate(mesh, site.Name);
                if (rendering.Errors.Count > 0 || rendering.GatewayApi.Count == 0)
                    continue;
                var folder = Directory.CreateDirectory(Path.Combine(_dir, $"{folders++:D3}-{site.Name}")).FullName;
                foreach (var resource in rendering.GatewayApi)
                    File.WriteAllText(Path.Combine(folder, resource.FileName), YamlWriter.Write(resource.ToJson()));
                count += rendering.GatewayApi.Count;
            }
        }

        var (exit, output) = RunNode(_dir);

        Assert.True(folders >= 4, $"only {folders} Lattice sites rendered");
        Assert.True(exit == 0, output);
        Assert.Contains($"checked {count} objects in {count} files, 0 problems", output);
    }

    [Theory]
    [InlineData("spec:\n  hostnames: [a.example]\n  hostnamez: [b.example]\n", "spec.hostnamez: unknown field")]
    [InlineData("spec:\n  rules:\n  - matches:\n    - headers:\n      - { type: Prefix, name: x, value: y }\n", "must be equal to one of the allowed values")]
    [InlineData("spec:\n  parentRefs: [{ name: nowhere, sectionName: http-80 }]\n", "names no Gateway listener of the folder")]
    public void Checker_CatchesWhatTheApiServerOrTheControllerWouldRefuse(string spec, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "httproute-shop-x.yaml"), "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: x, namespace: shop }\n" + spec);

        var (exit, output) = RunNode(_dir);

        Assert.Equal(1, exit);
        Assert.Contains(expected, output);
    }

    [Fact]
    public void Checker_CatchesAPolicyForAServiceNoRouteSendsTo()
    {
        File.WriteAllText(Path.Combine(_dir, "targetgrouppolicy-shop-x.yaml"),
            "apiVersion: application-networking.k8s.aws/v1alpha1\nkind: TargetGroupPolicy\nmetadata: { name: x, namespace: shop }\nspec:\n  targetRef: { group: \"\", kind: Service, name: x }\n  protocol: HTTP\n  protocolVersion: HTTP1\n");

        var (exit, output) = RunNode(_dir);

        Assert.Equal(1, exit);
        Assert.Contains("which no route of the folder sends to", output);
    }

    private static (int Exit, string Output) RunNode(string folder)
    {
        var (exit, stdout, stderr) = NodeToolServer.Run("lattice", "@kubernetes-models/gateway-api", "gateway-api.mjs", [folder]);
        return (exit, stdout + stderr);
    }
}

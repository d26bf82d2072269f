using System.Text.Json;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Model;
using MeshFed.Model.Benchmarks;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// Every rendered App Mesh input (examples, golden cases, random meshes) is handed to the official AWS SDK
/// (@aws-sdk/client-app-mesh) pointed at a loopback capture server, by tests/conformance/aws/appmesh-inputs.mjs:
/// the request it sends must carry exactly what we rendered; the custom resources pass the App Mesh
/// controller's own CRDs. ./test.sh and .ci/run install the packages.
/// </summary>
public sealed class AppMeshSdkConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-appmesh-sdk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RenderedInputs_AreWhatTheOfficialSdkSends()
    {
        var count = 0;
        foreach (var mesh in Meshes())
        {
            foreach (var site in mesh.Sites.Where(AppMeshTranslator.Renders))
            {
                var rendering = AppMeshTranslator.Translate(mesh, site.Name);
                foreach (var resource in rendering.Resources)
                    File.WriteAllText(Path.Combine(_dir, $"{count++:D5}.json"), resource.CreateInput(rendering.MeshName).ToJsonString());
            }
        }

        var (exit, output) = RunNode("appmesh-inputs.mjs", _dir);

        Assert.True(exit == 0, output);
        Assert.Contains($"checked {count} inputs, 0 problems", output);
    }

    [Fact]
    public void RenderedCustomResources_PassTheControllersCrds()
    {
        var count = 0;
        foreach (var mesh in Meshes())
        {
            foreach (var site in mesh.Sites.Where(AppMeshTranslator.Renders))
            {
                // Namespaces and placeholder Services are core v1 objects, not the controller's kinds.
                foreach (var resource in AppMeshControllerTranslator.Translate(AppMeshTranslator.Translate(mesh, site.Name)).Where(r => r.ApiVersion != "v1"))
                    File.WriteAllText(Path.Combine(_dir, $"{count++:D5}.yaml"), MeshFed.Model.Rendering.YamlWriter.Write(resource.ToJson()));
            }
        }

        var (exit, output) = RunNode("crds.mjs", _dir);

        Assert.True(exit == 0, output);
        Assert.Contains($"checked {count} resources", output);
    }

    [Fact]
    public void Checker_CatchesAMisspelledMember()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.json"), JsonSerializer.Serialize(new
        {
            meshName = "m",
            virtualRouterName = "r",
            routeName = "x",
            spec = new { priority = 0, httpRoute = new { match = new { prefix = "/" }, action = new { weightedTargets = new[] { new { virtualNode = "n", weight = 100 } } }, timeout = new { perRequst = new { value = 1, unit = "s" } } } },
        }));

        var (exit, output) = RunNode("appmesh-inputs.mjs", _dir);

        Assert.Equal(1, exit);
        Assert.Contains("the SDK sends a different body", output);
    }

    /// <summary>Every example, every golden case and two random meshes.</summary>
    private static IEnumerable<FederatedMesh> Meshes() =>
        Directory.GetDirectories(RepoPaths.Of("examples"))
            .Concat(Directory.GetDirectories(AppMeshGolden.Root).Select(d => Path.Combine(d, "manifest.yaml")))
            .Select(path => ManifestLoader.Load(path).Mesh!)
            .Concat(Enumerable.Range(1, 2).Select(seed => ManifestLoader.LoadText(ManifestGenerator.Generate(40, seed)).Mesh!));

    private static (int Exit, string Output) RunNode(string script, string folder)
    {
        var (exit, stdout, stderr) = NodeTool.Run("aws", "@aws-sdk/client-app-mesh", script, [folder]);
        return (exit, stdout + stderr);
    }
}

using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Gcp.Tests;

/// <summary>
/// Everything the Istio adapter renders (every example, every golden case) passes Istio's own schemas from
/// the npm package @kubernetes-models/istio, plus a strict unknown-field check, via
/// tests/conformance/istio/validate.mjs. ./test.sh and .ci/run install the package.
/// </summary>
public sealed class IstioConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-istio-conformance-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RenderedResources_PassIstioSchemas()
    {
        var meshes = Directory.GetDirectories(RepoPaths.Of("examples"))
            .Concat(Directory.GetDirectories(IstioGolden.Root).Select(d => Path.Combine(d, "manifest.yaml")))
            .Select(path => ManifestLoader.Load(path).Mesh!)
            // Random meshes reach combinations no hand-written case has.
            .Concat(Enumerable.Range(1, 3).Select(seed => ManifestLoader.LoadText(Model.Benchmarks.ManifestGenerator.Generate(60, seed)).Mesh!));
        var count = 0;
        foreach (var mesh in meshes)
        {
            foreach (var site in mesh.Sites.Where(IstioTranslator.Renders))
            {
                foreach (var resource in IstioTranslator.Translate(mesh, site.Name).Resources)
                {
                    File.WriteAllText(Path.Combine(_dir, $"{count++:D4}-{resource.FileName}"), YamlWriter.Write(resource.ToJson()));
                }
            }
        }

        var (exit, output) = RunValidator(_dir);

        Assert.True(exit == 0, output);
        Assert.Contains($"checked {count} resources", output);
    }

    [Fact]
    public void Validator_RejectsAMisspelledField()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.yaml"), """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: { name: x, namespace: y }
            spec:
              hosts: [x.y.svc.cluster.local]
              http:
                - rout: [{ destination: { host: x.y.svc.cluster.local } }]
            """);

        var (exit, output) = RunValidator(_dir);

        Assert.Equal(1, exit);
        Assert.Contains("spec.http[0].rout: unknown field", output);
    }

    private static (int Exit, string Output) RunValidator(string folder)
    {
        var (exit, stdout, stderr) = NodeTool.Run("istio", "@kubernetes-models/istio", "validate.mjs", [folder]);
        return (exit, stdout + stderr);
    }
}

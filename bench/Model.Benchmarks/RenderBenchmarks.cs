using BenchmarkDotNet.Attributes;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Model;

namespace MeshFed.Model.Benchmarks;

/// <summary>
/// Rendering a generated mesh for every Istio site, as <c>meshfed render --target istio</c> does after
/// loading: translation (<see cref="Translate"/>) and translation plus YAML text (<see cref="TranslateAndWriteYaml"/>).
/// The peer is loading and validating the same manifest, measured in the same run.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private string _text = "";
    private FederatedMesh _mesh = null!;

    /// <summary>How many services the generated manifest has.</summary>
    [Params(5000)]
    public int Services { get; set; }

    /// <summary>Generates and loads the mesh once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _text = ManifestGenerator.Generate(Services);
        _mesh = ManifestLoader.LoadText(_text, "generated.yaml").Mesh
            ?? throw new InvalidOperationException("the generated manifest is invalid");
    }

    /// <summary>The peer: load and validate the same manifest.</summary>
    [Benchmark(Baseline = true)]
    public int LoadAndValidate() => ManifestLoader.LoadText(_text, "generated.yaml").Mesh!.Services.Count;

    /// <summary>Istio resources for every Istio site.</summary>
    [Benchmark]
    public int Translate() => _mesh.Sites.Where(IstioTranslator.Renders).Sum(s => IstioTranslator.Translate(_mesh, s.Name).Resources.Count);

    /// <summary>Istio resources for every Istio site, written as YAML text (what lands in the files).</summary>
    [Benchmark]
    public long TranslateAndWriteYaml()
    {
        long bytes = 0;
        foreach (var site in _mesh.Sites.Where(IstioTranslator.Renders))
        {
            foreach (var resource in IstioTranslator.Translate(_mesh, site.Name).Resources)
                bytes += YamlWriter.Write(resource.ToJson()).Length;
        }
        return bytes;
    }
}

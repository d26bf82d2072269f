using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// A probe manifest and f6b0cea's frozen rendering of it, in testdata/analyze/&lt;folder&gt;/{input,rendered}
/// (each folder says how its rendering was made). <paramref name="adjust"/> puts back what f6b0cea's
/// manifest could not say (the existing probe's dc-vm gateway ran on a host).
/// </summary>
internal sealed class FrozenProbe(string folder, Func<FederatedMesh, FederatedMesh>? adjust = null)
{
    public string Folder => RepoPaths.Of($"tests/Federation.Tests/testdata/analyze/{folder}");

    public string Rendered => Path.Combine(Folder, "rendered");

    /// <summary>The probe manifest, as this checkout loads it.</summary>
    public (FederatedMesh Mesh, ManifestLoadResult Loaded) Load()
    {
        var loaded = ManifestLoader.Load(Path.Combine(Folder, "input"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return ((adjust ?? (m => m))(loaded.Mesh!), loaded);
    }

    /// <summary>The frozen rendering.</summary>
    public RenderedFederation Read()
    {
        Assert.True(Directory.Exists(Rendered), $"{Rendered} is missing: the frozen f6b0cea rendering is test data");
        return RenderedFederation.ReadFrom(Rendered);
    }

    /// <summary>Analyzes <paramref name="rendering"/> of the probe as deployed by f6b0cea's modules.</summary>
    public AnalysisResult Analyze(RenderedFederation rendering)
    {
        var (mesh, loaded) = Load();
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, rendering, null, F6b0ceaProbe.Modules);
    }

    /// <summary>
    /// The same manifest as this checkout renders it and its modules deploy it (the corrected rendering),
    /// after <paramref name="edit"/> of the manifest (a manifest-side fix, where the review's fix is a warning).
    /// </summary>
    public AnalysisResult AnalyzeCurrent(Func<FederatedMesh, FederatedMesh>? edit = null)
    {
        var (mesh, loaded) = Load();
        mesh = (edit ?? (m => m))(mesh);
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, RenderedFederation.Render(mesh), null, GatewayModules.Current);
    }
}

using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Analysis;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Model.Rendering;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// <see cref="SiteRenderings"/>: <c>meshfed render</c> translates each site once, for its analysis and its writer,
/// and what it writes is still exactly each translator's own output.
/// </summary>
public sealed class SiteRenderingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-site-renderings-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FederatedMesh Shop()
    {
        var loaded = ManifestLoader.Load(RepoPaths.Of("examples/shop"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return loaded.Mesh!;
    }

    private static string Text(KubernetesObject resource) => KustomizeFolderWriter.Header + "\n" + YamlWriter.Write(resource.ToJson());

    [Fact]
    public void ASiteAskedTwice_IsTranslatedOnce_AndIsTheTranslatorsOwnOutput()
    {
        var mesh = Shop();
        var renderings = new SiteRenderings(mesh, IstioProfile.CloudServiceMesh);

        var istio = renderings.Istio("gcp-euw1");
        var appMesh = renderings.AppMesh("aws-use1");

        Assert.Same(istio, renderings.Istio("gcp-euw1"));
        Assert.Same(appMesh, renderings.AppMesh("aws-use1"));
        Assert.Same(renderings.AppMeshController("aws-use1"), renderings.AppMeshController("aws-use1"));
        var fresh = IstioTranslator.Translate(mesh, "gcp-euw1", IstioRenderOptions.Default with { Profile = IstioProfile.CloudServiceMesh });
        Assert.Equal(IstioProfile.CloudServiceMesh, istio.Profile);
        Assert.Equal(fresh.Resources.Select(Text), istio.Resources.Select(Text));
        Assert.Equal(AppMeshControllerTranslator.Translate(AppMeshTranslator.Translate(mesh, "aws-use1")).Select(Text),
            renderings.AppMeshController("aws-use1").Select(Text));
    }

    [Fact]
    public void TheAnalysisReadingATranslation_LeavesWhatIsWrittenUnchanged()
    {
        var mesh = Shop();
        var renderings = new SiteRenderings(mesh, null);

        var analysed = RenderedFederation.Render(renderings); // takes each spec into its documents
        var again = RenderedFederation.Render(renderings);    // a second reader of the same objects

        Assert.Equal(analysed.Of("gcp-euw1").Documents.Count, again.Of("gcp-euw1").Documents.Count);
        var fresh = IstioTranslator.Translate(mesh, "gcp-euw1");
        Assert.Equal(fresh.Resources.Select(Text), renderings.Istio("gcp-euw1").Resources.Select(r => KustomizeFolderWriter.FileText(r)));
    }

    // The point of holding Istio specs as UTF-8: the analysis and the writer read them without a tree that would live
    // to the end of the command (bench/README.md, "Sixth session").
    [Fact]
    public void TheAnalysisAndTheWriter_BuildNoSpecTreeThatIsKept()
    {
        var mesh = Shop();
        var renderings = new SiteRenderings(mesh, null);

        var rendering = RenderedFederation.Render(renderings);
        FederationAnalyzer.Analyze(mesh, new MeshFed.Model.Binding.SourceMap(), rendering);
        var written = new System.Text.StringBuilder();
        foreach (var resource in renderings.Istio("gcp-euw1").Resources)
            YamlWriter.Write(written, resource);

        Assert.NotEmpty(renderings.Istio("gcp-euw1").Resources);
        Assert.All(renderings.Istio("gcp-euw1").Resources.Concat(renderings.Istio("dc-berlin").Resources), r => Assert.False(r.HasSpecTree, r.Id));
        Assert.Contains("kind: VirtualService", written.ToString());
    }

    [Fact]
    public void RenderToAFolder_WritesEachTranslatorsText()
    {
        var mesh = Shop();

        var (code, _, _) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "istio", "--out", _dir);

        Assert.Equal(ExitCodes.Success, code);
        foreach (var site in new[] { "gcp-euw1", "dc-berlin" })
        {
            var resources = IstioTranslator.Translate(mesh, site).Resources;
            Assert.NotEmpty(resources);
            Assert.All(resources, r => Assert.Equal(Text(r), File.ReadAllText(Path.Combine(_dir, site, r.FileName))));
        }
    }
}

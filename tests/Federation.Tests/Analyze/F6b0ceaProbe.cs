using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Analyze;

/// <summary>
/// The probe manifests under testdata/analyze/&lt;probe&gt;/input and f6b0cea's renderings of them, frozen under
/// ../rendered/. <see cref="First"/> was written by the renderers of f6b0cea's era (this branch's, which differ
/// from f6b0cea only in the gateway's port numbers, put back to f6b0cea's 15080/15021/15081 when freezing):
/// it must never be regenerated once the renderers are fixed. Set MESHFED_FREEZE_F6B0CEA=1 only to re-create it
/// on such a checkout. <see cref="AppMesh"/> was rendered by f6b0cea's own CLI (its README.md says how).
/// </summary>
internal static class F6b0ceaProbe
{
    /// <summary>The first probe: rows 1-8, 11, 15, 16, 24 and the cross-site rows found in it.</summary>
    public const string First = "f6b0cea";

    /// <summary>The second probe: the App Mesh cases the first lacks (rows 13 and 25).</summary>
    public const string AppMesh = "f6b0cea-appmesh";

    public static string Folder => FolderOf(First);

    public static string Rendered => Path.Combine(Folder, "rendered");

    public static string FolderOf(string probe) => RepoPaths.Of($"tests/Federation.Tests/testdata/analyze/{probe}");

    /// <summary>
    /// What f6b0cea's modules created, which the frozen rendering was deployed with: the local Service port
    /// named http-local (no peer port on it), no Cloud Map registration of the ECS service, no SDS socket in
    /// the EKS virtual gateway's Envoy (terraform/modules at f6b0cea; fidelity review rows 2, 3, 9).
    /// </summary>
    public static GatewayModules Modules { get; } = new()
    {
        LocalPortName = "http-local",
        PeerPortOnLocalService = false,
        EcsRegistersInCloudMap = false,
        EksVirtualGatewaySdsSocket = false,
    };

    /// <summary>Analyzes <paramref name="rendering"/> of the probe as deployed by f6b0cea's modules.</summary>
    public static AnalysisResult Analyze(RenderedFederation rendering, string probe = First)
    {
        var (mesh, loaded) = Load(probe);
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, rendering, null, Modules);
    }

    /// <summary>
    /// The same manifest, as written, rendered by this checkout's renderers and analyzed with this checkout's
    /// modules: what main makes of it, where each row's fault must be gone.
    /// </summary>
    public static AnalysisResult AnalyzeMain(string probe = First)
    {
        var (mesh, loaded) = LoadAsWritten(probe);
        return FederationAnalyzer.Analyze(mesh, loaded.Sources, RenderedFederation.Render(mesh), null);
    }

    private static (FederatedMesh Mesh, ManifestLoadResult Loaded) LoadAsWritten(string probe)
    {
        var loaded = ManifestLoader.Load(Path.Combine(FolderOf(probe), "input"));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return (loaded.Mesh!, loaded);
    }

    /// <summary>The probe, with dc-vm's gateway (first probe) on a host as f6b0cea's on-prem module ran it (a systemd unit).</summary>
    public static (FederatedMesh Mesh, ManifestLoadResult Loaded) Load(string probe = First)
    {
        var (mesh, loaded) = LoadAsWritten(probe);
        mesh = mesh with
        {
            Sites = [.. mesh.Sites.Select(s => s.Name == "dc-vm" ? s with { Gateway = s.Gateway! with { Platform = GatewayPlatform.Vm } } : s)],
        };
        return (mesh, loaded);
    }

    /// <summary>The frozen rendering, written first (first probe only) when MESHFED_FREEZE_F6B0CEA=1.</summary>
    public static RenderedFederation Read(string probe = First)
    {
        if (probe == First && Environment.GetEnvironmentVariable("MESHFED_FREEZE_F6B0CEA") == "1")
            Freeze();
        var rendered = Path.Combine(FolderOf(probe), "rendered");
        Assert.True(Directory.Exists(rendered), $"{rendered} is missing: the frozen f6b0cea rendering is test data");
        return RenderedFederation.ReadFrom(rendered);
    }

    private static void Freeze()
    {
        if (Directory.Exists(Rendered))
            Directory.Delete(Rendered, recursive: true);
        RenderedFederation.Render(Load().Mesh).WriteTo(Rendered);
        foreach (var file in Directory.EnumerateFiles(Rendered, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            text = Regex.Replace(text, @"\b15180\b", "15080");
            text = Regex.Replace(text, @"\b15190\b", "15021");
            text = Regex.Replace(text, @"\b15181\b", "15081");
            File.WriteAllText(file, text);
        }
    }

    /// <summary>
    /// The frozen rendering with <paramref name="edit"/> applied to copies of the documents of
    /// <paramref name="site"/> whose file name contains <paramref name="file"/>: a rendering with one fault
    /// fixed (or added), to show what each rule needs.
    /// </summary>
    public static RenderedFederation Edit(RenderedFederation rendering, string site, string file, Action<JsonObject> edit)
    {
        var sites = rendering.Sites.ToDictionary(s => s.Key, s => s.Key != site ? s.Value : s.Value with
        {
            Documents = [.. s.Value.Documents.Select(d =>
            {
                if (!d.File.Contains(file, StringComparison.Ordinal))
                    return d;
                var body = d.Body.DeepClone().AsObject();
                edit(body);
                return d with { Body = body };
            })],
        });
        return new RenderedFederation(sites);
    }

    /// <summary>The rendering with row 1 fixed on every site: the admin port out of Istio's set, as on main since 33306c9.</summary>
    public static RenderedFederation WithAdminPortFixed(RenderedFederation rendering) =>
        rendering.Sites.Keys.Aggregate(rendering, (r, site) => Edit(r, site, "terraform.tfvars.json", body => body["gateway"]!["admin_port"] = DataPath.AdminPort));
}

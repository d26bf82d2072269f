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
    /// <summary>The first probe (rows 1-8, 11, 15, 16, 24): dc-vm's gateway on a host, as f6b0cea's on-prem module ran it (a systemd unit).</summary>
    public static FrozenProbe Shop { get; } = new("f6b0cea", mesh => mesh with
    {
        Sites = [.. mesh.Sites.Select(s => s.Name == "dc-vm" ? s with { Gateway = s.Gateway! with { Platform = GatewayPlatform.Vm } } : s)],
    });

    /// <summary>The first probe's folder name.</summary>
    public const string First = "f6b0cea";

    /// <summary>The App Mesh probe: the cases the first lacks (rows 13 and 25), rendered by f6b0cea's own CLI (its README.md).</summary>
    public const string AppMesh = "f6b0cea-appmesh";

    private static FrozenProbe Probe(string probe) => probe == First ? Shop : new FrozenProbe(probe);

    /// <summary>The Istio probe (rows 12, 13, 14, 17, 18, 26(c), 31, 33, 35), rendered by f6b0cea's own CLI and gateway plan (its README.md).</summary>
    public static FrozenProbe Istio { get; } = new("f6b0cea-istio");

    public static string Folder => Shop.Folder;

    public static string Rendered => Shop.Rendered;

    public static string FolderOf(string probe) => Probe(probe).Folder;

    /// <summary>
    /// What f6b0cea's modules created, which the frozen rendering was deployed with: the local Service port
    /// named http-local (no peer port on it), no Cloud Map registration of the ECS service, no SDS socket in
    /// the EKS virtual gateway's Envoy, no exclusion of the peer port from the sidecar's inbound capture
    /// (terraform/modules at f6b0cea; fidelity review rows 2, 3, 9, 14).
    /// </summary>
    public static GatewayModules Modules { get; } = new()
    {
        LocalPortName = "http-local",
        PeerPortOnLocalService = false,
        EcsRegistersInCloudMap = false,
        EksVirtualGatewaySdsSocket = false,
        PeerPortOutsideSidecar = false,
    };

    /// <summary>Analyzes <paramref name="rendering"/> of the first probe as deployed by f6b0cea's modules.</summary>
    public static AnalysisResult Analyze(RenderedFederation rendering) => Shop.Analyze(rendering);

    /// <summary>Analyzes <paramref name="rendering"/> of <paramref name="probe"/> as deployed by f6b0cea's modules.</summary>
    public static AnalysisResult Analyze(RenderedFederation rendering, string probe) => Probe(probe).Analyze(rendering);

    /// <summary>
    /// The probe's manifest as written, rendered by this checkout's renderers and analyzed with this checkout's
    /// modules: what main makes of it, where each row's fault must be gone.
    /// </summary>
    public static AnalysisResult AnalyzeMain(string probe = First) => new FrozenProbe(probe).AnalyzeCurrent();

    /// <summary>The first probe.</summary>
    public static (FederatedMesh Mesh, ManifestLoadResult Loaded) Load() => Shop.Load();

    /// <summary>The probe (the first one with dc-vm's gateway on a host, as f6b0cea's on-prem module ran it).</summary>
    public static (FederatedMesh Mesh, ManifestLoadResult Loaded) Load(string probe) => Probe(probe).Load();

    /// <summary>The probe's frozen rendering; the first probe's is written first when MESHFED_FREEZE_F6B0CEA=1.</summary>
    public static RenderedFederation Read(string probe = First)
    {
        if (probe == First && Environment.GetEnvironmentVariable("MESHFED_FREEZE_F6B0CEA") == "1")
            Freeze();
        return Probe(probe).Read();
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
                var body = d.Body.Tree()!;
                edit(body);
                return d with { Body = Json.Element(body) };
            })],
        });
        return new RenderedFederation(sites);
    }

    /// <summary>The rendering with row 1 fixed on every site: the admin port out of Istio's set, as on main since 33306c9.</summary>
    public static RenderedFederation WithAdminPortFixed(RenderedFederation rendering) =>
        rendering.Sites.Keys.Aggregate(rendering, (r, site) => Edit(r, site, "terraform.tfvars.json", body => body["gateway"]!["admin_port"] = DataPath.AdminPort));

    /// <summary>
    /// The rendering with row 12 fixed on every site: hop 3 carries the service's FQDN with the port on Istio
    /// sites, as the gateway's plan on main says (LocalEndpoints.Host), instead of the caller's Host.
    /// </summary>
    public static RenderedFederation WithHostFixed(RenderedFederation rendering) =>
        rendering.Sites.Keys.Aggregate(rendering, (r, site) => Edit(r, site, "gateway-peer-clusters.json", body =>
        {
            // clusterId is local/<host>/<version>/<port> (ClusterIds.Local).
            var parts = body["clusterId"]!.GetValue<string>().Split('/');
            body["keepsCallerHost"] = false;
            body["host"] = $"{parts[1]}:{parts[3]}";
        }));
}

using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Terraform;
using MeshFed.Gateway.Config;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Rendering;
using MeshFed.Model.Yaml;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// The rendered federation the analyzer walks: per site the documents <c>meshfed render</c> writes (through the
/// same entry points: Istio YAML, App Mesh inputs, VPC Lattice inputs and Gateway API objects), the gateway's
/// peer-listener clusters (its hop-3 destinations) and the Terraform inputs.
/// It can also be written to and read back from a folder, so a rendering can be frozen as test data.
/// </summary>
internal sealed record RenderedFederation(IReadOnlyDictionary<string, RenderedSite> Sites)
{
    private const string AppMeshFolder = "api";
    private const string CrdFolder = "crds";
    private const string GatewayFile = "gateway-peer-clusters.json";
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>The rendering of <paramref name="site"/>, or an empty one.</summary>
    public RenderedSite Of(string site) => Sites.TryGetValue(site, out var rendered) ? rendered : new RenderedSite(site, []);

    /// <summary>Renders every site of <paramref name="mesh"/> in memory, as <c>meshfed render</c> would for each target.</summary>
    public static RenderedFederation Render(FederatedMesh mesh, IstioProfile? profile = null) => Render(new SiteRenderings(mesh, profile));

    /// <summary>
    /// Renders every site of <paramref name="renderings"/>' mesh from those translations, so that <c>meshfed render</c>
    /// writes the objects the analysis read rather than translating its sites a second time.
    /// </summary>
    public static RenderedFederation Render(SiteRenderings renderings)
    {
        var mesh = renderings.Mesh;
        var sites = new Dictionary<string, RenderedSite>(StringComparer.Ordinal);
        // Each site's rendering is a pure function of the immutable mesh (SiteRenderings makes each once, thread-safe),
        // so the sites render side by side; the result keeps the mesh's order.
        var rendered = new RenderedSite[mesh.Sites.Count];
        try
        {
            Parallel.For(0, rendered.Length, i => rendered[i] = RenderSite(renderings, mesh.Sites[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A site's failure surfaces as itself, as it did when the sites rendered one after another.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        foreach (var site in rendered)
            sites[site.Site] = site;
        return new RenderedFederation(sites);
    }

    private static RenderedSite RenderSite(SiteRenderings renderings, Site site)
    {
        var mesh = renderings.Mesh;
        var documents = new List<RenderedDocument>();
        var reported = new List<TargetDiagnostic>();
        IReadOnlyList<Diagnostic> refused = [];
        if (IstioTranslator.Renders(site))
        {
            var rendering = renderings.Istio(site.Name);
            documents.AddRange(RenderedDocument.FromKubernetes(site.Name, rendering.Resources));
            reported.AddRange(rendering.Diagnostics);
        }
        else if (AppMeshTranslator.Renders(site))
        {
            var rendering = renderings.AppMesh(site.Name);
            reported.AddRange(rendering.Diagnostics);
            documents.AddRange(rendering.Resources.Select((r, i) =>
                FromAppMesh(site.Name, $"{AppMeshFolder}/{i:D4}-{r.FileName}", r.CreateInput(rendering.MeshName))));
            // The controller folder's plain Kubernetes objects (placeholder Services that give a virtual service
            // a DNS name, Namespaces); its App Mesh custom resources say what the API inputs already say.
            documents.AddRange(RenderedDocument.FromKubernetes(site.Name,
                [.. renderings.AppMeshController(site.Name).Where(r => !r.ApiVersion.StartsWith("appmesh.k8s.aws/", StringComparison.Ordinal))],
                $"{CrdFolder}/"));
        }
        else if (LatticeTranslator.Renders(site))
        {
            var rendering = LatticeTranslator.Translate(mesh, site.Name);
            reported.AddRange(rendering.Diagnostics);
            refused = rendering.Errors;
            documents.AddRange(rendering.Resources.Select((r, i) => LatticeDocuments.From(site.Name, r, i + 1)));
            documents.AddRange(RenderedDocument.FromKubernetes(site.Name, rendering.GatewayApi, $"{LatticeDocuments.GatewayApiFolder}/"));
        }
        if (TerraformInputsTranslator.Renders(site))
        {
            var inputs = JsonNode.Parse(TerraformVarsWriter.Text(TerraformInputsTranslator.Translate(mesh, site.Name).Inputs))!.AsObject();
            documents.Add(new RenderedDocument(site.Name, TerraformVarsWriter.FileName, RenderedDocument.TerraformInputsKind, site.Name, null, inputs));
            documents.AddRange(GatewayClusters(mesh, site));
        }
        return new RenderedSite(site.Name, documents) { Reported = reported, RenderErrors = refused };
    }

    // The gateway's peer listener delivers into its own site through these clusters (docs/data-path.md, hop 3):
    // the gateway's own configuration, read as data like the mesh documents.
    private static RenderedDocument[] GatewayClusters(FederatedMesh mesh, Site site)
    {
        // As `meshfed gateway` runs it: on a VPC Lattice site with its SigV4 signer, which marks the clusters it signs
        // (the handler itself is never called here).
        var peerProxy = GatewayPlan.PeerProxyOf(mesh, new GatewaySettings
        {
            Site = site.Name,
            LatticeSigner = site.Mesh == MeshKind.VpcLattice ? () => throw new InvalidOperationException("the analysis sends no request") : null,
        });
        // The Host hop 3 carries (review row 12): the caller's, when the peer route keeps it (YARP transform
        // RequestHeaderOriginalHost), else the destination's Host, else the destination address's authority.
        var keepsCallerHost = peerProxy.Routes.Any(r => r.Transforms?.Any(t =>
            t.TryGetValue("RequestHeaderOriginalHost", out var keep) && string.Equals(keep, "true", StringComparison.OrdinalIgnoreCase)) == true);
        // Every body is written straight to UTF-8 through one writer for the site, as one JSON array parsed once (a JSON
        // tree per cluster, written and parsed again, was ~6 KB of garbage a cluster; a document per cluster was 10,000
        // small documents living to the end of the analysis; bench/README.md, "Ninth session").
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var ids = new List<string>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var cluster in peerProxy.Clusters)
            {
                if (cluster.Destinations is not { Count: > 0 } destinations)
                    continue;
                ids.Add(cluster.ClusterId);
                writer.WriteStartObject();
                writer.WriteString("clusterId", cluster.ClusterId);
                writer.WriteString("httpVersion", cluster.HttpRequest?.Version?.ToString()); // null is written as null
                writer.WriteStartArray("destinations");
                foreach (var destination in destinations.Values)
                    writer.WriteStringValue(destination.Address);
                writer.WriteEndArray();
                writer.WriteBoolean("keepsCallerHost", keepsCallerHost);
                var first = destinations.Values.First();
                writer.WriteString("host", keepsCallerHost ? null : first.Host ?? new Uri(first.Address).Authority);
                if (cluster.Metadata?.TryGetValue(GatewayPlan.LatticeServiceMetadata, out var latticeService) == true)
                    writer.WriteString("latticeService", latticeService);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        // Never disposed: the elements are read to the end of the analysis (as KubernetesSpecs' are).
        var bodies = JsonDocument.Parse(buffer.WrittenMemory).RootElement;
        var documents = new RenderedDocument[ids.Count];
        var i = 0;
        foreach (var body in bodies.EnumerateArray())
        {
            documents[i] = new RenderedDocument(site.Name, GatewayFile, RenderedDocument.GatewayClusterKind, ids[i], null, body);
            i++;
        }
        return documents;
    }

    /// <summary>Writes the rendering under <paramref name="folder"/>/&lt;site&gt;/ (Istio YAML, App Mesh JSON, tfvars, gateway clusters).</summary>
    public void WriteTo(string folder)
    {
        foreach (var (site, rendered) in Sites)
        {
            var siteFolder = Path.Combine(folder, site);
            Directory.CreateDirectory(siteFolder);
            if (rendered.Documents.Any(d => d.File.StartsWith(AppMeshFolder + "/", StringComparison.Ordinal)))
                Directory.CreateDirectory(Path.Combine(siteFolder, AppMeshFolder));
            var clusters = new JsonArray();
            foreach (var document in rendered.Documents)
            {
                if (document.Kind == RenderedDocument.GatewayClusterKind)
                {
                    clusters.Add(document.Body.Tree());
                    continue;
                }
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(siteFolder, document.File))!);
                var text = document.File.EndsWith(".yaml", StringComparison.Ordinal)
                    ? KustomizeFolderWriter.Header + "\n" + YamlWriter.Write(document.Body.Tree()!)
                    : document.Body.Tree()!.ToJsonString(s_indented) + "\n";
                File.WriteAllText(Path.Combine(siteFolder, document.File), text, new UTF8Encoding(false));
            }
            File.WriteAllText(Path.Combine(siteFolder, GatewayFile), clusters.ToJsonString(s_indented) + "\n", new UTF8Encoding(false));
        }
    }

    /// <summary>Reads a rendering written by <see cref="WriteTo"/> (or by <c>meshfed render</c> into one folder per site).</summary>
    public static RenderedFederation ReadFrom(string folder)
    {
        var sites = new Dictionary<string, RenderedSite>(StringComparer.Ordinal);
        foreach (var siteFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var site = Path.GetFileName(siteFolder);
            var documents = new List<RenderedDocument>();
            foreach (var file in Directory.GetFiles(siteFolder, "*.yaml").Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(file) == "kustomization.yaml")
                    continue;
                var bag = new DiagnosticBag();
                foreach (var node in YamlTextReader.Read(File.ReadAllText(file), file, YamlLimits.Default, bag))
                {
                    if (ToJson(node) is JsonObject body)
                        documents.Add(FromKubernetes(site, Path.GetFileName(file), body));
                }
            }
            foreach (var kubernetesFolder in new[] { CrdFolder, LatticeDocuments.GatewayApiFolder })
            {
                var sub = Path.Combine(siteFolder, kubernetesFolder);
                IEnumerable<string> subFiles = Directory.Exists(sub) ? Directory.GetFiles(sub, "*.yaml").Order(StringComparer.Ordinal) : [];
                foreach (var file in subFiles)
                {
                    if (Path.GetFileName(file) == "kustomization.yaml")
                        continue;
                    foreach (var node in YamlTextReader.Read(File.ReadAllText(file), file, YamlLimits.Default, new DiagnosticBag()))
                    {
                        if (ToJson(node) is JsonObject body && !(body["apiVersion"] is JsonValue written && written.TryGetValue<string>(out var apiVersion) && apiVersion.StartsWith("appmesh.k8s.aws/", StringComparison.Ordinal)))
                            documents.Add(FromKubernetes(site, $"{kubernetesFolder}/{Path.GetFileName(file)}", body));
                    }
                }
            }
            var api = Path.Combine(siteFolder, AppMeshFolder);
            if (Directory.Exists(api))
            {
                foreach (var file in Directory.GetFiles(api, "*.json").Order(StringComparer.Ordinal))
                {
                    var body = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
                    documents.Add(LatticeDocuments.FromFile(site, Path.GetFileName(file), body) ?? FromAppMesh(site, $"{AppMeshFolder}/{Path.GetFileName(file)}", body));
                }
            }
            var tfvars = Path.Combine(siteFolder, TerraformVarsWriter.FileName);
            if (File.Exists(tfvars))
                documents.Add(new RenderedDocument(site, TerraformVarsWriter.FileName, RenderedDocument.TerraformInputsKind, site, null, JsonNode.Parse(File.ReadAllText(tfvars))!.AsObject()));
            var gateway = Path.Combine(siteFolder, GatewayFile);
            if (File.Exists(gateway))
            {
                foreach (var cluster in JsonNode.Parse(File.ReadAllText(gateway))!.AsArray().OfType<JsonObject>())
                {
                    var body = Json.Element(cluster);
                    documents.Add(new RenderedDocument(site, GatewayFile, RenderedDocument.GatewayClusterKind, body.Str("clusterId") ?? "", null, body));
                }
            }
            sites[site] = new RenderedSite(site, documents);
        }
        return new RenderedFederation(sites);
    }

    // A Kubernetes object read back from a rendering's folder.
    private static RenderedDocument FromKubernetes(string site, string file, JsonObject tree)
    {
        var body = Json.Element(tree);
        return new(site, file, body.Str("kind") ?? "", body.Str("metadata", "name") ?? "", body.Str("metadata", "namespace"), body);
    }

    // An App Mesh Create input names its resource type by its name field (CreateRoute has routeName and
    // virtualRouterName, CreateVirtualRouter only the latter...), checked most specific first.
    private static RenderedDocument FromAppMesh(string site, string file, JsonObject tree)
    {
        var body = Json.Element(tree);
        (string Kind, string Field)[] kinds =
        [
            (AppMeshKinds.GatewayRoute, "gatewayRouteName"), (AppMeshKinds.Route, "routeName"), (AppMeshKinds.VirtualNode, "virtualNodeName"),
            (AppMeshKinds.VirtualRouter, "virtualRouterName"), (AppMeshKinds.VirtualService, "virtualServiceName"),
            (AppMeshKinds.VirtualGateway, "virtualGatewayName"), (AppMeshKinds.Mesh, "meshName"),
        ];
        var (kind, field) = kinds.First(k => body.Str(k.Field) is not null || k.Field == "meshName");
        return new RenderedDocument(site, file, kind, body.Str(field) ?? "", null, body);
    }

    private static JsonNode? ToJson(ManifestNode node) => node switch
    {
        MappingNode m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        SequenceNode s => new JsonArray([.. s.Items.Select(ToJson)]),
        ScalarNode { Kind: ScalarKind.Null } => null,
        ScalarNode { Kind: ScalarKind.Boolean } b => JsonValue.Create(b.Value is "true" or "True" or "TRUE"),
        ScalarNode { Kind: ScalarKind.Integer } i when long.TryParse(i.Value, out var n) => JsonValue.Create(n),
        // A float JSON cannot hold (1e999 parses as infinity) stays its text, as a document a reader can still read.
        ScalarNode { Kind: ScalarKind.Float } f when double.TryParse(f.Value, System.Globalization.CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        ScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };
}

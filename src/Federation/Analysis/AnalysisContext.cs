using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Model;
using MeshFed.Model.Binding;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>What every hop check reads: the mesh (what was meant), the rendering (what was written), the deployments (what exists).</summary>
internal sealed class AnalysisContext
{
    public AnalysisContext(FederatedMesh mesh, SourceMap sources, RenderedFederation rendering, GatewayModules? modules = null)
    {
        Mesh = mesh;
        Sources = sources;
        Rendering = rendering;
        Deployments = mesh.Sites.Where(s => s.Gateway is not null)
            .ToDictionary(s => s.Name, s => GatewayDeployment.For(s, rendering.Of(s.Name).TerraformInputs, modules), StringComparer.Ordinal);
    }

    public FederatedMesh Mesh { get; }

    /// <summary>
    /// Whether warnings are kept. Without, the costly checks that can only warn do not look (render's gate reads only
    /// the errors; at 10,000 services the remote-only name's warnings alone were ~20 MB of text made and held to the
    /// end for nothing); the other warnings are made and dropped by the analyzer.
    /// </summary>
    public bool KeepsWarnings { get; init; } = true;

    public SourceMap Sources { get; }

    public RenderedFederation Rendering { get; }

    /// <summary>The gateway deployment per site that has a gateway.</summary>
    public IReadOnlyDictionary<string, GatewayDeployment> Deployments { get; }

    /// <summary>The Lattice inputs rendered for <paramref name="site"/>, read once per analysis.</summary>
    public LatticeSiteInputs LatticeOf(string site)
    {
        if (!_lattice.TryGetValue(site, out var inputs))
            _lattice[site] = inputs = LatticeSiteInputs.Read(Rendering.Of(site));
        return inputs;
    }

    private readonly Dictionary<string, LatticeSiteInputs> _lattice = new(StringComparer.Ordinal);

    /// <summary>
    /// The finding of <paramref name="check"/> about <paramref name="service"/> as seen from <paramref name="site"/>,
    /// made once by <paramref name="make"/> for a check whose answer depends on nothing else: the walk meets the
    /// same pair on every path of the service (ports, routes, versions), and at 10,000 services making the same
    /// finding's text path after path was a tenth of the analysis' allocations.
    /// </summary>
    public AnalysisFinding? Once<TState>(string check, string site, Service service, TState state, Func<TState, AnalysisFinding?> make)
    {
        var key = (check, site, service.Namespace, service.Name);
        if (!_once.TryGetValue(key, out var finding))
            _once[key] = finding = make(state);
        return finding;
    }

    private readonly Dictionary<(string, string, string, string), AnalysisFinding?> _once = [];

    /// <summary>Findings about a site's gateway deployment itself: every path through that gateway stops there.</summary>
    public Dictionary<string, AnalysisFinding> BrokenGateways { get; } = new(StringComparer.Ordinal);

    /// <summary>Findings about a site's way into its mesh (hop 3): every path served there stops there.</summary>
    public Dictionary<string, AnalysisFinding> BrokenIngress { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A finding pointing at <paramref name="declaration"/> in the manifest (its <paramref name="field"/>, when
    /// given) and <paramref name="document"/> in the rendering.
    /// </summary>
    public AnalysisFinding Finding(string code, Hop hop, string site, Service? service, object? declaration, RenderedDocument? document,
        string message, string fix, Severity severity = Severity.Error, string? file = null, string? resource = null, string? field = null)
    {
        var path = declaration is null ? "" : Sources.PathOf(declaration);
        if (path.Length == 0 && service is not null)
            path = Sources.PathOf(service);
        if (field is not null && path.Length > 0)
            path = $"{path}.{field}";
        return new AnalysisFinding
        {
            Severity = severity,
            Code = code,
            Hop = hop,
            Site = site,
            Service = service is null ? null : $"{service.Namespace}/{service.Name}",
            Message = message,
            Fix = fix,
            File = file ?? document?.File,
            RenderedSite = file is null ? document?.Site : null,
            Resource = resource ?? document?.Id,
            ManifestPath = path,
            Location = path.Length == 0 ? null : Sources.Locate(path),
        };
    }
}

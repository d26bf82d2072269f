using MeshFed.Model;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>What every Lattice translator of one site shares: the site view, the findings and the ownership tags.</summary>
internal sealed class LatticeContext(FederatedMesh mesh, Site site, LatticeRenderOptions options)
{
    private readonly List<TargetDiagnostic> _diagnostics = [];
    private readonly HashSet<TargetDiagnostic> _reported = [];
    private readonly List<Diagnostic> _errors = [];
    private readonly Dictionary<string, LatticeTargetGroupOrigin> _targetGroups = new(StringComparer.Ordinal);

    public FederatedMesh Mesh { get; } = mesh;

    public Site Site { get; } = site;

    /// <summary>The site's view of the mesh, shared with the other renderers and the gateway.</summary>
    public SiteView View { get; } = new(mesh, site);

    /// <summary>The IAM roles the site's deployments declare: the auth policies admit those services by their roles.</summary>
    public LatticeRoles Roles { get; } = LatticeRoles.Of(mesh, site);

    public IReadOnlyList<TargetDiagnostic> Diagnostics => _diagnostics;

    public IReadOnlyList<Diagnostic> Errors => _errors;

    public string ServiceNetworkName { get; } = LatticeAddressing.ServiceNetworkName(mesh);

    /// <summary>What each created target group holds, by its name: the Gateway API projection's backends.</summary>
    public IReadOnlyDictionary<string, LatticeTargetGroupOrigin> TargetGroups => _targetGroups;

    public void RecordTargetGroup(string name, LatticeTargetGroupOrigin origin) => _targetGroups[name] = origin;

    /// <summary>The subject of site-wide diagnostics (as App Mesh's name the ingress gateway).</summary>
    public const string SiteSubject = "vpc-lattice";

    /// <summary>
    /// Ownership tags, as App Mesh resources carry them: meshfed manages the resource, for this mesh and site.
    /// Sorted, so the bytes are stable.
    /// </summary>
    public IReadOnlyDictionary<string, string> Tags { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["meshfed.dev/managed-by"] = "meshfed",
        ["meshfed.dev/mesh"] = mesh.Name,
        ["meshfed.dev/site"] = site.Name,
    };

    /// <summary>Records a diagnostic once (the same words for the same subject are said once).</summary>
    public void Warn(string subject, string concept, string message)
    {
        var diagnostic = new TargetDiagnostic { Site = Site.Name, Service = subject, Concept = concept, Message = message };
        if (_reported.Add(diagnostic))
            _diagnostics.Add(diagnostic);
    }

    public void Warn(Service service, string concept, string message) => Warn(service.Name, concept, message);

    /// <summary>
    /// A limit the rendering would exceed, at <paramref name="record"/>'s manifest path plus <paramref name="suffix"/>
    /// (its file position when the render has the source map).
    /// </summary>
    public void Error(object record, string suffix, string fallbackPath, string message, string hint)
    {
        var recorded = options.Sources?.PathOf(record);
        var path = string.IsNullOrEmpty(recorded) ? fallbackPath + suffix : recorded + suffix;
        _errors.Add(new Diagnostic
        {
            Severity = Severity.Error,
            Code = DiagnosticCodes.LatticeLimit,
            Path = path,
            Message = message,
            Hint = hint,
            Location = options.Sources?.Locate(path),
        });
    }

    /// <summary>The path an error about <paramref name="service"/> names when there is no source map.</summary>
    public static string FallbackPath(Service service) => $"services[{service.Namespace}/{service.Name}]";
}

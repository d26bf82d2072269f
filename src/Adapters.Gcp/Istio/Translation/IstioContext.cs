using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>What every Istio translator of one site shares: the site's view, options, and the diagnostics list.</summary>
internal sealed class IstioContext(SiteView view, IstioRenderOptions options, IstioProfile profile)
{
    private readonly List<TargetDiagnostic> _diagnostics = [];

    // The same findings, for the "once" test: a list scan per warning was warnings² on a large site.
    private readonly HashSet<TargetDiagnostic> _reported = [];

    public SiteView View { get; } = view;

    public IstioRenderOptions Options { get; } = options;

    public IstioProfile Profile { get; } = profile;

    public IReadOnlyList<TargetDiagnostic> Diagnostics => _diagnostics;

    /// <summary>The trust domain in which this site's mesh writes workload principals (the site's <c>meshTrustDomain</c>).</summary>
    public string MeshTrustDomain => View.Site.MeshTrustDomain;

    /// <summary>
    /// Says that <paramref name="concept"/> of <paramref name="service"/> is not expressed as written, and what
    /// happens instead. The same finding is reported once per service, however many routes or ports hit it.
    /// </summary>
    public void Warn(Service service, string concept, string message) => Add(service.Name, concept, message);

    /// <summary>A finding about the site as a whole (said once per site, not per service).</summary>
    public void WarnSite(string concept, string message) => Add("*", concept, message);

    private void Add(string service, string concept, string message)
    {
        var diagnostic = new TargetDiagnostic { Site = View.Site.Name, Service = service, Concept = concept, Message = message };
        if (_reported.Add(diagnostic))
            _diagnostics.Add(diagnostic);
    }

    /// <summary>
    /// Where host-level resources of a service live: its own namespace where it runs here; the gateway's
    /// namespace where it does not (its namespace may not exist on this cluster).
    /// </summary>
    public string HostNamespace(Service service) => View.RunsHere(service) ? service.Namespace : DataPath.GatewayNamespace;

    /// <summary>A resource name unique across namespaces folded into one (remote-only services share the gateway namespace).</summary>
    public string HostResourceName(Service service) => View.RunsHere(service) ? service.Name : $"{service.Name}-{service.Namespace}";

    /// <summary>The workloads of <paramref name="service"/> (the pods labelled with its name), which its policies select.</summary>
    public WorkloadSelector WorkloadSelector(Service service) => Api.WorkloadSelector.Of(Options.AppLabel, service.Name);
}

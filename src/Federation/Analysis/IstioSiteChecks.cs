using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Checks of an Istio (or Cloud Service Mesh) site's rendered objects that need no request: how the gateway
/// pod's sidecar treats the federation port and the local listener, failover settings that cannot act, and
/// AuthorizationPolicy principals no workload of the site presents. None of them stops a path: traffic flows,
/// not as the manifest says (or only under a mesh-wide setting the rendering cannot see).
/// </summary>
internal static class IstioSiteChecks
{
    public static IEnumerable<AnalysisFinding> Run(AnalysisContext context, Site site)
    {
        if (site.Mesh is not (MeshKind.Istio or MeshKind.CloudServiceMesh))
            yield break;
        var rendered = context.Rendering.Of(site.Name);
        if (context.Deployments.TryGetValue(site.Name, out var deployment))
        {
            foreach (var finding in GatewayPeerAuthentication(context, site, rendered, deployment))
                yield return finding;
        }
        foreach (var finding in FailoverCannotAct(context, site, rendered))
            yield return finding;
        foreach (var finding in Principals(context, site, rendered))
            yield return finding;
    }

    // Review row 14. Istio captures every inbound port (Traffic Management FAQ, "On what ports does a sidecar
    // proxy capture inbound traffic?"), so the peer port's federation TLS meets the sidecar's inbound mTLS mode
    // unless the pod excludes it (traffic.sidecar.istio.io/excludeInboundPorts, Istio Resource Annotations) or
    // a PeerAuthentication sets it DISABLE for that workload port (PeerAuthentication reference, portLevelMtls:
    // "the port value in the portLevelMtls field refers to the port of the workload"). Under a mesh-wide STRICT
    // the sidecar refuses TLS that is not Istio's own. The local listener needs STRICT so every caller comes
    // through its sidecar's mTLS, which is what sets the x-forwarded-client-cert the gateway reads the caller from.
    private static IEnumerable<AnalysisFinding> GatewayPeerAuthentication(AnalysisContext context, Site site, RenderedSite rendered, GatewayDeployment deployment)
    {
        if (!deployment.MeshSidecar)
            yield break;
        var policies = rendered.OfKind("PeerAuthentication").Where(p => p.Namespace == DataPath.GatewayNamespace &&
            (p.Spec.At("selector") is null || p.Spec.Is(DataPath.GatewayService, "selector", "matchLabels", "app"))).ToList();
        // A workload-selecting policy takes precedence over the namespace-wide one (Istio "Security" concepts,
        // "Peer authentication", policy precedence).
        var policy = policies.FirstOrDefault(p => p.Spec.At("selector") is not null) ?? policies.FirstOrDefault();
        var workloadMode = policy?.Spec.Str("mtls", "mode");
        var peerMode = policy?.Spec.Str("portLevelMtls", deployment.PeerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "mode") ?? workloadMode;
        if (deployment.PeerPortCaptured && peerMode is not ("DISABLE" or "PERMISSIVE"))
        {
            var known = peerMode == "STRICT";
            yield return context.Finding(AnalysisCodes.GatewayPeerAuthentication, Hop.Deployment, site.Name, null, site, policy,
                $"the gateway pod's sidecar captures the peer port {deployment.PeerPort} ({deployment.Module} does not exclude it from inbound capture) and {(known ? "the PeerAuthentication makes it STRICT" : "no PeerAuthentication for the gateway workload sets it DISABLE")}: {(known ? "" : "under a mesh-wide STRICT (a common production posture) ")}the sidecar refuses the peers' federation TLS, which is not Istio mTLS, so nothing from other sites enters",
                $"Render a PeerAuthentication in {DataPath.GatewayNamespace} selecting app: {DataPath.GatewayService} with portLevelMtls {{{deployment.PeerPort}: {{mode: DISABLE}}}}, or annotate the gateway pod traffic.sidecar.istio.io/excludeInboundPorts: \"{deployment.PeerPort}\".",
                known ? Severity.Error : Severity.Warning, file: policy?.File ?? deployment.Module,
                resource: policy?.Id ?? $"PeerAuthentication {DataPath.GatewayNamespace}/{DataPath.GatewayService} (none)", field: "gateway");
        }
        if (workloadMode != "STRICT")
        {
            yield return context.Finding(AnalysisCodes.GatewayPeerAuthentication, Hop.Deployment, site.Name, null, site, policy,
                $"no PeerAuthentication makes the gateway workload STRICT{(workloadMode is null ? "" : $" (it is {workloadMode})")}: under the default PERMISSIVE the local listener {DataPath.LocalListenerPort} also takes plaintext, whose callers reach the gateway with no x-forwarded-client-cert and so with no caller identity",
                $"Render a PeerAuthentication in {DataPath.GatewayNamespace} selecting app: {DataPath.GatewayService} with mtls.mode STRICT (and the peer port DISABLE).",
                Severity.Warning, file: policy?.File ?? deployment.Module,
                resource: policy?.Id ?? $"PeerAuthentication {DataPath.GatewayNamespace}/{DataPath.GatewayService} (none)", field: "gateway");
        }
    }

    // Review row 17. localityLbSetting only reorders the endpoints this cluster's registry holds, by their
    // locality (Istio "Locality failover" task: Envoy priorities per locality of the endpoints; a failover
    // pair whose target region holds no endpoints here has nothing to fail over to). The registry of a site
    // holds its own workloads and, in a multi-cluster mesh, those of clusters on the same network; workloads
    // behind the meshfed gateway are one ServiceEntry endpoint (the gateway), with no locality of theirs.
    private static IEnumerable<AnalysisFinding> FailoverCannotAct(AnalysisContext context, Site site, RenderedSite rendered)
    {
        foreach (var rule in rendered.OfKind("DestinationRule"))
        {
            var host = rule.Spec.Str("host");
            var service = context.Mesh.FindServiceByHost(host);
            var pairs = rule.Spec.Items("trafficPolicy", "loadBalancer", "localityLbSetting", "failover");
            if (service is null || pairs.Count == 0)
                continue;
            var here = RegistryRegions(context.Mesh, site, service);
            var missing = pairs.SelectMany(p => new[] { p.Str("from"), p.Str("to") }).OfType<string>()
                .Where(r => !here.Contains(r)).Distinct().ToList();
            if (missing.Count == 0)
                continue;
            yield return context.Finding(AnalysisCodes.FailoverCannotAct, Hop.CallerMesh, site.Name, service, service, rule,
                $"the localityLbSetting fails over between {string.Join(", ", pairs.Select(p => $"{p.Str("from")} → {p.Str("to")}"))}, but this cluster's registry holds no endpoints of {service.Host} in {string.Join(", ", missing)} (they run behind the meshfed gateway or on another network): the setting does nothing, and the local share still fails when its endpoints do",
                "Render localityLbSetting only between regions whose endpoints this cluster holds, and say at render time that failover to sites behind the gateway applies only to the shares the gateway carries.",
                Severity.Warning, field: "traffic.failover");
        }
    }

    private static HashSet<string> RegistryRegions(FederatedMesh mesh, Site site, Service service) =>
        [.. service.Deployments.Select(d => mesh.FindSite(d.Site)).OfType<Site>()
            .Where(s => s.Name == site.Name || (site.Network is not null && s.Network == site.Network))
            .Select(s => s.Region).OfType<string>()];

    // Review rows 26(c) and 31. Istio matches Source.principals against the peer's certificate identity,
    // "<TRUST_DOMAIN>/ns/<NAMESPACE>/sa/<SERVICE_ACCOUNT>" (AuthorizationPolicy reference, Source.principals),
    // in the site mesh's trust domain (Cloud Service Mesh: PROJECT_ID.svc.id.goog, "Cloud Service Mesh
    // security overview"). A federation gateway ID (spiffe://<federation>/site/<s>/gateway) is presented only
    // on the link between gateways, never to a sidecar; a principal in cluster.local is only an alias of the
    // local trust domain where istiod says so (pilot/pkg/security/trustdomain), which Google does not document
    // for managed Cloud Service Mesh.
    private static IEnumerable<AnalysisFinding> Principals(AnalysisContext context, Site site, RenderedSite rendered)
    {
        foreach (var policy in rendered.OfKind("AuthorizationPolicy"))
        {
            var principals = policy.Spec.Items("rules").SelectMany(r => r.Items("from")).SelectMany(f => f.Strings("source", "principals")).Distinct().ToList();
            foreach (var principal in principals)
            {
                // Every served service's policy lists principals, almost all in the site's own trust domain: that
                // case is told apart on the text alone, and the rest (service, declared rule) is looked up only
                // for a finding (at 10,000 services the lookups and their strings were an eighth of the analysis).
                var trustDomain = TrustDomainOf(principal);
                // A wildcard trust domain ("*/ns/x/sa/y", or "*") matches any; only literal ones can be foreign.
                if (trustDomain.Contains('*') || trustDomain.SequenceEqual(site.MeshTrustDomain))
                    continue;
                var service = policy.Spec.Str("selector", "matchLabels", "app") is { } app && policy.Namespace is not null ? context.Mesh.FindService(app, policy.Namespace) : null;
                var declared = service?.Security.Allow.FirstOrDefault(r => r.From.Any(f => f == $"spiffe://{principal}" ||
                    principal.EndsWith("/sa/" + f.Split('/')[^1], StringComparison.Ordinal)));
                if (trustDomain.SequenceEqual(context.Mesh.TrustDomain))
                {
                    yield return context.Finding(AnalysisCodes.GatewayIdAsPrincipal, Hop.Callee, site.Name, service, declared, policy,
                        $"the principal {principal} is a meshfed federation identity: no workload in this mesh presents it (cross-site requests reach the callee as the local gateway's mesh identity), so the rule matches nothing here",
                        $"Leave federation gateway IDs out of allow rules that the mesh enforces (they act only at the meshfed gateway), or admit the callers by name; the gateway's own rule already admits {DataPath.GatewayNamespace}/{DataPath.GatewayServiceAccount}.",
                        Severity.Warning);
                }
                else
                {
                    var domain = trustDomain.ToString();
                    yield return context.Finding(AnalysisCodes.PrincipalTrustDomain, Hop.Callee, site.Name, service, declared, policy,
                        $"the principal {principal} is in trust domain {domain}, but the site's workloads present identities in {site.MeshTrustDomain}{(domain == "cluster.local" ? " (istiod treats cluster.local as an alias of its own trust domain; managed Cloud Service Mesh documents no such alias)" : "")}: the rule may match no caller, and a rule for the gateway that matches nothing denies every request from other sites",
                        $"Write principals in the site's mesh trust domain ({site.MeshTrustDomain}; set spec.sites[].meshTrustDomain where it is not the default).",
                        Severity.Warning);
                }
            }
        }
    }

    // The trust domain of a principal: its text up to the first '/' ("td/ns/x/sa/y" → "td"; "*" → "*").
    private static ReadOnlySpan<char> TrustDomainOf(string principal)
    {
        var slash = principal.IndexOf('/');
        return slash < 0 ? principal : principal.AsSpan(0, slash);
    }
}

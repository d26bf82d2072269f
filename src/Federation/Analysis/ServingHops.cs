using MeshFed.Federation.Analysis.Lattice;
using MeshFed.Gateway.Config;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// Hops 3 and 4 of a remote path: the serving site's gateway takes the request off the peer listener and
/// delivers it into its mesh (its own sidecar on Istio, the virtual gateway on App Mesh, the Lattice service on
/// VPC Lattice) to the callee,
/// whose policies must admit what arrives. Reads the gateway's peer-listener clusters and the serving
/// site's rendered documents.
/// </summary>
internal static class ServingHops
{
    public static bool Walk(AnalysisContext context, PathSpec path, PathTrace trace)
    {
        var serving = path.Serving;
        var service = path.Service;
        if (!CallerIdentity(context, path, trace))
            return false;
        trace.Step($"peer {serving.Gateway?.Address}:{serving.Gateway?.Port}");
        if (context.BrokenGateways.TryGetValue(serving.Name, out var broken))
            return trace.Stop(broken);
        var site = context.Rendering.Of(serving.Name);
        var clusterId = ClusterIds.Local(service, path.Target.Version, path.Port.Port);
        var cluster = site.Named(RenderedDocument.GatewayClusterKind, clusterId);
        if (cluster is null)
            return trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, Hop.Ingress, serving.Name, service, path.Target, null,
                $"the gateway has no delivery for {service.Host} {path.Target.Version} port {path.Port.Port}", "Check that the version runs on the site.",
                file: "gateway-peer-clusters.json", resource: clusterId));
        if (!HopThreeHost.Check(context, path, trace, cluster))
            return false;
        var deployment = service.Deployments.First(d => d.Site == serving.Name && d.Version == path.Target.Version);
        return serving.Mesh switch
        {
            MeshKind.AppMesh => AppMeshIngress(context, path, trace, site, cluster, deployment),
            MeshKind.VpcLattice => LatticeServingHops.Walk(context, path, trace, cluster),
            _ => IstioIngress(context, path, trace, site, deployment),
        };
    }

    // Allow rules that name callers are enforced with the caller's identity, which the caller's gateway learns
    // from x-forwarded-client-cert set by its own sidecar (Envoy HTTP connection manager,
    // forward_client_cert_details; Istio sidecars set it on inbound mTLS). Without that sidecar there is no
    // authentic caller: the gateways check the rules with caller "unknown" (src/Gateway/Policy/AllowRules:
    // a rule with `from` never matches an unknown caller), so the path is denied unless some rule has no `from`
    // at all or names the caller site's gateway ID, which admits whatever that gateway sends over the link.
    private static bool CallerIdentity(AnalysisContext context, PathSpec path, PathTrace trace)
    {
        var rules = path.Service.Security.Allow;
        if (rules.Count == 0 || rules.Any(r => r.From.Count == 0) || !context.Deployments.TryGetValue(path.Caller.Name, out var caller) || caller.CallerIdentity)
            return true;
        var callerGateway = DataPath.GatewaySpiffeId(context.Mesh.TrustDomain, path.Caller.Name);
        if (path.Caller.Name != path.Serving.Name && rules.Any(r => r.From.Contains(callerGateway, StringComparer.Ordinal)))
            return true;
        var named = rules.SelectMany(r => r.From).Where(f => !f.StartsWith("spiffe://", StringComparison.Ordinal))
            .Where(f => CallerRunsWithoutIdentity(context.Mesh, path.Service, f, path.Caller)).Distinct().ToList();
        if (named.Count == 0)
            return true;
        var policy = context.Rendering.Of(path.Serving.Name).ForApp("AuthorizationPolicy", path.Service.Namespace, path.Service.Name).FirstOrDefault();
        return trace.Stop(context.Finding(AnalysisCodes.NoCallerIdentity, Hop.Callee, path.Caller.Name, path.Service, rules[0], policy,
            $"the allow rules admit {string.Join(", ", named)}, which run{(named.Count == 1 ? "s" : "")} on {path.Caller.Name}, but that site's gateway ({caller.Module}) has no sidecar terminating mesh mTLS in front of its local listener, so no caller identity reaches it and every such request is denied",
            $"Call the service from a deployment on a site whose gateway is an Istio mesh workload, name {callerGateway} in 'from' to admit every request {path.Caller.Name}'s gateway sends, {(path.Caller.Mesh == MeshKind.VpcLattice ? $"declare the IAM role of the caller's deployments on {path.Caller.Name} (deployments[].aws.role: Lattice authenticates it and the gateway names it by the service's ID), " : "")}or leave {path.Caller.Name} out of the service's exportTo (App Mesh forwards no caller identity, aws-app-mesh-roadmap#356); a rule without 'from' would admit every caller."));
    }

    // A caller named in 'from' that runs on the site and reaches its gateway with no identity. On a VPC Lattice site a
    // deployment that declares its IAM role (aws.role) has one: Lattice authenticates the role and the site's gateway
    // names it by the service's SPIFFE ID (docs/lattice-datapath.md, "Caller identity"); one without is only its role.
    private static bool CallerRunsWithoutIdentity(FederatedMesh mesh, Service callee, string from, Site site)
    {
        var parts = from.Split('/');
        var (ns, name) = parts.Length == 2 ? (parts[0], parts[1]) : (callee.Namespace, parts[0]);
        var here = mesh.FindService(name, ns)?.Deployments.Where(d => d.Site == site.Name).ToList() ?? [];
        return here.Count > 0 && !(site.Mesh == MeshKind.VpcLattice && here.All(d => d.Aws?.Role is not null));
    }

    private static bool IstioIngress(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, Deployment deployment)
    {
        var serving = path.Serving.Name;
        var service = path.Service;
        context.Deployments.TryGetValue(serving, out var gateway);
        if (gateway is null || !gateway.MeshSidecar)
        {
            var strict = site.ForApp("PeerAuthentication", service.Namespace, service.Name).Any(p => p.Spec.Is("STRICT", "mtls", "mode"));
            return trace.Stop(context.Finding(AnalysisCodes.GatewayNotMeshWorkload, Hop.Ingress, serving, service, path.Serving, null,
                $"the gateway runs outside the mesh ({gateway?.Module}): it delivers {service.Host} in plaintext with no mesh identity{(strict ? " into a STRICT PeerAuthentication, which refuses it" : "")}, and cannot resolve the in-cluster name from the host",
                "Run the gateway as a mesh workload (gateway.platform: gke, eks or kubernetes), or give the host istio-agent with a WorkloadEntry.",
                file: gateway?.Module));
        }
        trace.Step("sidecar of meshfed-gateway");
        var virtualService = site.IstioForHost("VirtualService", service.Host).FirstOrDefault();
        if (virtualService is not null && virtualService.Spec.Items("http").Count > 0)
        {
            // The gateway's request carries x-meshfed-version; only a pinned route (matched on that header and on
            // the gateway's labels) keeps it on the version the caller's route chose.
            var pinned = virtualService.Spec.Items("http").FirstOrNull(r =>
                r.Items("match").Any(m => m.Is(path.Target.Version, "headers", DataPath.VersionHeader, "exact")) &&
                r.Items("route").Any(d => d.Is(service.Host, "destination", "host")));
            if (pinned is null)
                return trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, Hop.Ingress, serving, service, path.Target, virtualService,
                    $"no route pins {DataPath.VersionHeader}: {path.Target.Version} to the local {path.Target.Version}, so the gateway's request is routed again by the site's own split",
                    "Render a pinned route per local version for services served to other sites."));
            CrossSiteDefaults.IstioRoute(context, path, trace, serving, Hop.Ingress, virtualService, pinned);
            trace.Step($"VirtualService {virtualService.Namespace}/{virtualService.Name} pinned {path.Target.Version}");
        }
        if (!IstioCallerHops.CalleeTls(context, path, trace, site, deployment, Hop.Ingress) ||
            !JwksChecks.Admits(context, path, trace, site, path.Serving, Hop.Callee))
            return false;
        IstioPathWarnings.SourceIpHash(context, path, trace, site);
        return GatewayAdmitted(context, path, trace, site);
    }

    // The principal suffix of the gateway's mesh identity (any trust domain).
    private const string GatewayPrincipal = $"/ns/{DataPath.GatewayNamespace}/sa/{DataPath.GatewayServiceAccount}";

    // An ALLOW policy denies every request no rule matches (istio.io AuthorizationPolicy reference, "Allow and
    // deny semantics"): the gateway's principal must be in a rule, or have no from at all.
    private static bool GatewayAdmitted(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site)
    {
        var service = path.Service;
        foreach (var policy in site.ForApp("AuthorizationPolicy", service.Namespace, service.Name))
        {
            // No action (missing, null, or not a scalar) is ALLOW, the default; any other value is not.
            if (!policy.Spec.Is("ALLOW", "action") && !policy.Spec.Is(null, "action"))
                continue;
            var admits = policy.Spec.Items("rules").Any(rule => rule.Items("from").Count == 0 ||
                rule.Items("from").Any(f => f.Strings("source", "principals").Any(p => p == "*" || p.EndsWith(GatewayPrincipal, StringComparison.Ordinal))));
            if (!admits)
                return trace.Stop(context.Finding(AnalysisCodes.PolicyDeniesGateway, Hop.Callee, path.Serving.Name, service, service, policy,
                    "the ALLOW policy has no rule for the gateway's principal, so every request from other sites is denied",
                    "Render a rule admitting the gateway's principal for services served to other sites."));
        }
        trace.Step($"{service.Host}:{path.Port.Port} {path.Target.Version}");
        return true;
    }

    private static bool AppMeshIngress(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, RenderedDocument cluster, Deployment deployment)
    {
        var serving = path.Serving.Name;
        var service = path.Service;
        context.Deployments.TryGetValue(serving, out var gateway);
        var vg = site.OfKind(AppMeshKinds.VirtualGateway).FirstOrDefault();
        var vgPort = vg?.Spec.Items("listeners").FirstOrNull(_ => true).Int("portMapping", "port");
        IngressProtocol(context, path, trace, cluster, vg, vgPort);
        if (vg is not null)
            PortCarried.AppMeshIngress(context, path, trace, site, vg);
        foreach (var address in cluster.Body.Strings("destinations"))
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
                continue;
            var loopback = uri.IsLoopback;
            if (loopback && uri.Port == vgPort && gateway?.IngressBesidePort == uri.Port)
                continue;
            if (uri.Host.StartsWith(DataPath.AppMeshIngressGateway + ".", StringComparison.Ordinal))
            {
                if (gateway is null || !gateway.IngressNames.Contains(uri.Host))
                    return trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, Hop.Ingress, serving, service, path.Serving, cluster,
                        $"the gateway delivers to {uri.Host}:{uri.Port}, a name {gateway?.Module} does not create (the virtual gateway's Envoy is a container of the gateway's own task or pod)",
                        $"Deliver hop 3 to http://127.0.0.1:{gateway?.IngressBesidePort ?? DataPath.AppMeshIngressPort} whatever the version's discovery."));
                continue;
            }
            // Anything else goes straight to the workload, past the virtual gateway that would originate mTLS.
            var node = site.OfKind(AppMeshKinds.VirtualNode).FirstOrDefault(n => n.Name.EndsWith("-" + path.Target.Version, StringComparison.Ordinal) &&
                n.Spec.Items("listeners").Any(l => l.Int("portMapping", "port") == path.Port.Port));
            var mode = node?.Spec.Items("listeners").FirstOrNull(l => l.Int("portMapping", "port") == path.Port.Port).Str("tls", "mode");
            if (mode is "STRICT")
                return trace.Stop(context.Finding(AnalysisCodes.PlaintextIntoStrict, Hop.Ingress, serving, service, deployment, node,
                    $"the gateway delivers {path.Target.Version} in plaintext straight to {uri.Host}:{uri.Port}, past the virtual gateway, and the node's listener TLS is STRICT, so the workload's Envoy refuses it",
                    $"On App Mesh sites deliver hop 3 through the virtual gateway (127.0.0.1:{gateway?.IngressBesidePort ?? DataPath.AppMeshIngressPort}) whatever the discovery.",
                    file: "gateway-peer-clusters.json", resource: cluster.Name));
        }
        if (vg is null)
            return trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, Hop.Ingress, serving, service, path.Serving, null,
                "no virtual gateway is rendered", "Render the virtual gateway."));
        // Only now does the path pass the virtual gateway, whose certificate source may not exist.
        if (context.BrokenIngress.TryGetValue(serving, out var ingress))
            return trace.Stop(ingress);
        var gatewayRoute = site.OfKind(AppMeshKinds.GatewayRoute).FirstOrDefault(r => new[] { "httpRoute", "http2Route", "grpcRoute" }
            .Any(t => r.Spec.Is(service.Host, t, "match", "hostname", "exact")));
        if (gatewayRoute is null)
            return trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, Hop.Ingress, serving, service, path.Target, vg,
                $"the virtual gateway has no gateway route for {service.Host}", "Render a gateway route per service served to other sites."));
        PinnedRouteTimeout(context, path, trace, site);
        trace.Step($"virtual gateway {vg.Name}:{vgPort} gateway route {gatewayRoute.Name}");
        trace.Step($"{service.Host}:{path.Port.Port} {path.Target.Version}");
        return true;
    }

    // A virtual gateway has one listener (App Mesh API reference, VirtualGatewaySpec.listeners: "You can specify
    // one listener"), so one protocol; the gateway chooses its HTTP version per cluster (fidelity review of
    // 2026-12-02, row 23). HTTP/1.1 sent to an http2 (or grpc) listener, or h2c to an http one, meets a codec
    // for the other protocol (Envoy HTTP connection manager, codec_type); checked wherever the cluster delivers
    // to the virtual gateway, before whether its name resolves, since the mismatch holds whatever the address.
    private static void IngressProtocol(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster, RenderedDocument? vg, long? vgPort)
    {
        if (vg is null)
            return;
        var toVirtualGateway = cluster.Body.Strings("destinations").Any(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) &&
            ((uri.IsLoopback && uri.Port == vgPort) || uri.Host.StartsWith(DataPath.AppMeshIngressGateway + ".", StringComparison.Ordinal)));
        if (!toVirtualGateway)
            return;
        var listener = vg.Spec.Items("listeners").FirstOrNull(_ => true).Str("portMapping", "protocol") ?? "http";
        var expects = listener is "http2" or "grpc" ? "http2" : "http";
        var sent = cluster.Body.Is("2.0", "httpVersion") ? "http2" : "http";
        if (expects != sent)
            trace.Warn(context.Finding(AnalysisCodes.ProtocolDowngrade, Hop.Ingress, path.Serving.Name, path.Service, path.Port, vg,
                $"the gateway speaks {(sent == "http2" ? "h2c" : "HTTP/1.1")} to the virtual gateway for port {path.Port.Port}, and the virtual gateway's only listener is {listener}; Envoy's codec for that listener likely refuses it (needs verification on a real Envoy)",
                "Make the gateway speak the virtual gateway listener's protocol for every service (h2c to an http2 listener), or render one virtual gateway per protocol.",
                Severity.Warning, file: "gateway-peer-clusters.json", resource: $"{cluster.Name} → VirtualGateway {vg.Name}"));
    }

    // The gateway's request carries x-meshfed-version, so the serving router's pinned route is the one it takes.
    private static void PinnedRouteTimeout(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site)
    {
        var router = site.Named(AppMeshKinds.VirtualService, path.Service.Host)?.Spec.Str("provider", "virtualRouter", "virtualRouterName");
        var pinnedName = $"meshfed-pinned-{path.Target.Version}";
        foreach (var route in site.OfKind(AppMeshKinds.Route).Where(r => r.Body.Is(router, "virtualRouterName") &&
            (r.Name == pinnedName || r.Name == $"{pinnedName}-{path.Port.Port}")))
        {
            var spec = new[] { "httpRoute", "http2Route", "grpcRoute" }.Select(t => route.Spec.At(t)).FirstOrDefault(s => s is not null);
            if (spec is not null)
                CrossSiteDefaults.AppMeshRoute(context, path, trace, path.Serving.Name, Hop.Ingress, route, spec);
        }
    }
}

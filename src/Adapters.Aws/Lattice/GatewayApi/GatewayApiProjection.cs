using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Adapters.Aws.Lattice.Translation;
using MeshFed.Model;
using MeshFed.Model.Rendering;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// The api/ rendering of a site projected onto the AWS Gateway API Controller's objects (docs/lattice.md, "gateway-api/"):
/// the same service network, custom domains, listeners, rules, weights, target group settings and auth policies, read
/// from the typed Create inputs rather than derived again. The controller creates the Lattice resources itself from
/// these objects, so what it cannot express is said per service, never dropped silently.
/// </summary>
internal static class GatewayApiProjection
{
    /// <summary>The objects of the site, in file order: GatewayClass, Gateway, then per service its route and policies, then the shared backends' policies.</summary>
    public static IReadOnlyList<KubernetesObject> Project(LatticeContext context, IReadOnlyList<(Service Service, IReadOnlyList<LatticeResource> Calls)> services)
    {
        if (services.Count == 0)
            return [];
        var origins = context.TargetGroups.ToDictionary(kv => LatticeRefs.TargetGroup(kv.Key), kv => kv.Value, StringComparer.Ordinal);
        var configs = services.SelectMany(s => s.Calls).Select(c => c.Input).OfType<CreateTargetGroupInput>()
            .ToDictionary(t => LatticeRefs.TargetGroup(t.Name), t => t.Config, StringComparer.Ordinal);
        var listeners = new List<CreateListenerInput>();
        var perService = new List<KubernetesObject>();
        var backendPolicies = new SortedDictionary<string, KubernetesObject>(StringComparer.Ordinal);
        var routesSendingToGateway = new SortedSet<(string Namespace, string Kind)>();
        var gatewayServices = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (service, calls) in services)
        {
            var lattice = calls.Select(c => c.Input).OfType<CreateServiceInput>().Single();
            var listener = ProjectedListener(context, service, calls);
            if (!listeners.Any(l => l.Name == listener.Name))
                listeners.Add(listener);
            var rules = calls.Select(c => c.Input).OfType<CreateRuleInput>()
                .Where(r => r.ListenerIdentifier == LatticeRefs.Listener(lattice.Name, listener.Name)).OrderBy(r => r.Priority).ToList();
            var backends = new RouteBackends(service, origins);
            var route = RouteProjection.Route(context, service, lattice, listener, rules, backends);
            perService.Add(route);
            perService.Add(PolicyProjection.AuthPolicy(context, route, calls.Select(c => c.Input).OfType<PutAuthPolicyInput>().Single()));
            foreach (var group in backends.Used)
            {
                var origin = origins[group];
                var policy = PolicyProjection.TargetGroupPolicy(context, backends.Reference(group), configs[group]);
                backendPolicies.TryAdd(policy.Id, policy);
                if (origin.IsGateway)
                {
                    routesSendingToGateway.Add((service.Namespace, route.Kind));
                    gatewayServices.Add(backends.Reference(group).Name);
                }
            }
        }
        ReportSite(context);
        return
        [
            GatewayProjection.GatewayClass(context),
            GatewayProjection.Gateway(context, listeners),
            .. perService,
            .. backendPolicies.Values,
            .. routesSendingToGateway.Count > 0 ? [PolicyProjection.GatewayReferenceGrant(context, routesSendingToGateway, gatewayServices)] : Array.Empty<KubernetesObject>(),
        ];
    }

    /// <summary>
    /// The listener the route attaches to. The controller makes one Lattice service per route and gives every listener
    /// the route attaches to the same rules and backends ("HTTPRoute API Reference": parentRefs' sectionName names the
    /// listener); a backendRef names one Service port, so a second port of the same service, whose api/ rules forward to
    /// other target groups, cannot be the same route, and a second route would claim the same custom domain.
    /// </summary>
    private static CreateListenerInput ProjectedListener(LatticeContext context, Service service, IReadOnlyList<LatticeResource> calls)
    {
        var listeners = calls.Select(c => c.Input).OfType<CreateListenerInput>().ToList();
        foreach (var other in listeners.Skip(1))
        {
            context.Warn(service, $"gateway-api.ports[{other.Port}]",
                $"not in gateway-api/: the AWS Gateway API Controller makes one Lattice service per route with the same backends on every listener, so port {other.Port} (listener {other.Name}) cannot share the route of port {listeners[0].Port}; api/ renders it. Serve it as a separate service to have it on EKS");
        }
        return listeners[0];
    }

    /// <summary>What EKS needs beyond the objects.</summary>
    private static void ReportSite(LatticeContext context)
    {
        context.Warn(LatticeContext.SiteSubject, "gateway-api.backends",
            $"gateway-api/ routes send to Kubernetes Services it does not render: <name>-<version>-<hash> in each service's namespace, selecting that version's pods on the service port, and {GatewayApiNames.GatewayService(http2: false)} / {GatewayApiNames.GatewayService(http2: true)} in {GatewayApiNames.GatewayNamespace}, selecting the meshfed gateway on port {LatticeAddressing.GatewayTargetPort} (terraform/modules/aws-gateway creates these on EKS); the controller registers their endpoints in the target groups (static IP and DNS versions are registered by api/ only)");
    }

    /// <summary>A Kubernetes object of the projection, labelled with the ownership tags the Lattice resources carry.</summary>
    public static KubernetesObject Object(LatticeContext context, string apiVersion, string kind, string name, string? @namespace, JsonObject spec) => new()
    {
        ApiVersion = apiVersion,
        Kind = kind,
        Name = name,
        Namespace = @namespace,
        Labels = [.. context.Tags],
        Spec = spec,
    };
}

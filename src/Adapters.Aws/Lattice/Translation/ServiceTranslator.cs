using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// One manifest service as a Lattice service: its target groups, the service (custom domain = the mesh host), its
/// association with the mesh's service network, a listener per request-aware port, the listener rules of its routes
/// and its auth policy, in creation order. A service that runs here gets rules per route; one that runs only on other
/// sites forwards everything to the meshfed gateway, which routes it (Lattice cannot set the headers that would pin
/// a remote version).
/// </summary>
internal static class ServiceTranslator
{
    public static IReadOnlyList<LatticeResource> Translate(LatticeContext context, Service service)
    {
        var ports = ListenedPorts(context, service);
        if (ports.Count == 0)
            return [];
        var name = LatticeAddressing.ServiceName(service);
        var targetGroups = new TargetGroupTranslator(context, service);
        var listeners = new List<LatticeResource>();
        var rules = new List<LatticeResource>();
        foreach (var port in ports)
        {
            var listener = LatticeAddressing.Listener(port)!;
            var (defaultAction, portRules) = ListenerRuleTranslator.Translate(context, service, port, targetGroups);
            listeners.Add(new LatticeResource(LatticeOperation.CreateListener, $"{name}-{listener.Name}", new CreateListenerInput
            {
                ServiceIdentifier = LatticeRefs.Service(name),
                Name = listener.Name,
                Protocol = listener.Protocol == LatticeListenerProtocol.Https ? ListenerProtocol.Https : ListenerProtocol.Http,
                Port = listener.Port,
                DefaultAction = defaultAction,
                Tags = context.Tags,
            }));
            for (var i = 0; i < portRules.Count; i++)
            {
                var (ruleName, match, action) = portRules[i];
                rules.Add(new LatticeResource(LatticeOperation.CreateRule, $"{name}-{listener.Name}-{ruleName}", new CreateRuleInput
                {
                    ServiceIdentifier = LatticeRefs.Service(name),
                    ListenerIdentifier = LatticeRefs.Listener(name, listener.Name),
                    Name = ruleName,
                    Match = new RuleMatch(match),
                    Priority = i + 1,
                    Action = action,
                    Tags = context.Tags,
                }));
            }
            CheckRuleQuota(context, service, listener, portRules.Count);
        }
        CheckServiceQuotas(context, service, ports.Count, targetGroups.Count);
        var anyHttps = ports.Any(p => LatticeAddressing.Listener(p)!.Protocol == LatticeListenerProtocol.Https);
        return
        [
            .. targetGroups.Resources,
            new LatticeResource(LatticeOperation.CreateService, name, new CreateServiceInput
            {
                Name = name,
                CustomDomainName = LatticeAddressing.CustomDomainName(service),
                // HTTPS on a custom domain needs the user's certificate: "VPC Lattice doesn't support a default
                // certificate as a fallback" (service-custom-domain-name.html).
                CertificateArn = anyHttps ? LatticeRefs.CertificateArn : null,
                AuthType = AuthType.AwsIam,
                Tags = context.Tags,
            }),
            new LatticeResource(LatticeOperation.CreateServiceNetworkServiceAssociation, name, new CreateServiceNetworkServiceAssociationInput
            {
                ServiceIdentifier = LatticeRefs.Service(name),
                ServiceNetworkIdentifier = LatticeRefs.ServiceNetwork(context.ServiceNetworkName),
                Tags = context.Tags,
            }),
            .. listeners,
            .. rules,
            new LatticeResource(LatticeOperation.PutAuthPolicy, name, AuthPolicyTranslator.Translate(context, service, name)),
        ];
    }

    /// <summary>The ports Lattice listens on; a TCP port has no listener, and says so.</summary>
    private static List<ServicePort> ListenedPorts(LatticeContext context, Service service)
    {
        foreach (var port in service.Ports.Where(p => LatticeAddressing.Listener(p) is null))
        {
            context.Warn(service, $"ports[{port.Port}]",
                $"tcp port {port.Port} is not rendered: Lattice listens HTTP, HTTPS or TLS passthrough only (\"Listeners for your VPC Lattice service\"), and the meshfed gateway has no TCP pass-through; callers on this site cannot reach it through Lattice");
        }
        return [.. service.Ports.Where(p => LatticeAddressing.Listener(p) is not null)];
    }

    private static void CheckRuleQuota(LatticeContext context, Service service, LatticeListener listener, int rules)
    {
        if (rules <= LatticeLimits.RulesPerListener)
            return;
        context.Error(service, ".traffic.routes", LatticeContext.FallbackPath(service),
            $"Lattice listener {listener.Name} of service '{service.Name}' needs {rules} rules (one per route that is not the last catch-all, and one per local version that other sites pin); the default quota 'Rules per listener' is {LatticeLimits.RulesPerListener}",
            "Merge routes with the same targets, or ask AWS to raise the quota and split the service.");
    }

    private static void CheckServiceQuotas(LatticeContext context, Service service, int listeners, int targetGroups)
    {
        if (listeners > LatticeLimits.ListenersPerService)
        {
            context.Error(service, ".ports", LatticeContext.FallbackPath(service),
                $"service '{service.Name}' has {listeners} request-aware ports, each a Lattice listener; the default quota 'Listeners per service' is {LatticeLimits.ListenersPerService}",
                "Serve the extra ports as a separate service, or ask AWS to raise the quota.");
        }
        if (targetGroups > LatticeLimits.TargetGroupsPerService)
        {
            context.Error(service, ".deployments", LatticeContext.FallbackPath(service),
                $"service '{service.Name}' needs {targetGroups} Lattice target groups on site '{context.Site.Name}' (one per local version and port, and one per HTTP version for the meshfed gateway); the default quota 'Target groups per service' is {LatticeLimits.TargetGroupsPerService}",
                "Run fewer versions at a time on this site, or ask AWS to raise the quota.");
        }
    }
}

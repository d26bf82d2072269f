using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// The hops every request into a Lattice service takes, whoever sends it (a caller in the site's VPC, or the
/// meshfed gateway delivering from another site): the service its Host names, associated with the mesh's service
/// network; the listener on the port; the target group a rule forwards to. docs/lattice.md has the mapping.
/// </summary>
internal static class LatticeHops
{
    /// <summary>
    /// The Lattice service whose custom domain is <paramref name="host"/>, associated with the mesh's service network
    /// (and that network with the VPC): Lattice routes a request by its Host (and SNI) to the service with that
    /// custom domain name ("Configure a custom domain name for your VPC Lattice service",
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/service-custom-domain-name.html), and only for clients in a VPC
    /// associated with a network the service is associated with ("Service networks", "Manage the associations",
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/service-networks.html). Null when the path stops.
    /// </summary>
    public static LatticeInputOf<CreateServiceInput>? Service(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, string host)
    {
        var lattice = context.LatticeOf(site);
        var service = path.Service;
        if (lattice.ServiceFor(host) is not { } found)
        {
            trace.Stop(context.Finding(AnalysisCodes.NameUnresolved, hop, site, service, service, null,
                $"no Lattice service has the custom domain name {host}, so Lattice has nothing to route the request to",
                $"Render the site again (meshfed render --target vpc-lattice): every service visible on {site} with an HTTP, HTTP/2 or gRPC port needs a CreateService with customDomainName {service.Host}.",
                file: $"{LatticeDocuments.ApiFolder}/", resource: $"CreateService customDomainName={host}"));
            return null;
        }
        var networks = lattice.Networks.Select(n => LatticeRefs.ServiceNetwork(n.Input.Name)).ToHashSet(StringComparer.Ordinal);
        var association = lattice.AssociationsOf(found.Input.Name).FirstOrDefault(a => networks.Contains(a.Input.ServiceNetworkIdentifier));
        if (association is null)
        {
            trace.Stop(context.Finding(AnalysisCodes.LatticeNotAssociated, hop, site, service, service, found.Document,
                $"Lattice service {found.Input.Name} is associated with no service network the site creates{(networks.Count == 0 ? " (none is rendered)" : $" ({string.Join(", ", networks)})")}, so no client reaches it",
                $"Render a CreateServiceNetworkServiceAssociation of {found.Input.Name} with the mesh's service network."));
            return null;
        }
        if (!lattice.VpcAssociations.Any(v => v.Input.ServiceNetworkIdentifier == association.Input.ServiceNetworkIdentifier))
        {
            trace.Stop(context.Finding(AnalysisCodes.LatticeNotAssociated, hop, site, service, path.Caller, association.Document,
                $"the service network {association.Input.ServiceNetworkIdentifier} is associated with no VPC, so neither the site's workloads nor its gateway can send to its services",
                $"Render a CreateServiceNetworkVpcAssociation of the network with the site's VPC ({LatticeRefs.VpcId})."));
            return null;
        }
        trace.Step($"Lattice service {found.Input.Name} ({host})");
        return found;
    }

    /// <summary>
    /// The listener of <paramref name="service"/> on the path's port, of the protocol the port needs: HTTP for
    /// HTTP/1.1, HTTPS for HTTP/2 and gRPC, because Lattice negotiates HTTP/2 only by ALPN on TLS ("If ALPN is
    /// absent, VPC Lattice defaults to HTTP/1.1", "Listeners for your VPC Lattice service",
    /// docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html) and gRPC without HTTP/2 loses its trailers.
    /// </summary>
    public static LatticeInputOf<CreateListenerInput>? Listener(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, LatticeInputOf<CreateServiceInput> service)
    {
        var port = path.Port;
        var listener = context.LatticeOf(site).ListenersOf(service.Input.Name).FirstOrDefault(l => l.Input.Port == port.Port);
        if (listener is null)
        {
            trace.Stop(context.Finding(AnalysisCodes.PortMissing, hop, site, path.Service, port, service.Document,
                $"Lattice service {service.Input.Name} has no listener on port {port.Port}, so callers of {path.Service.Host}:{port.Port} are refused",
                $"Render a listener on port {port.Port} (callers keep the service port)."));
            return null;
        }
        var wanted = port.IsHttp2 ? ListenerProtocol.Https : ListenerProtocol.Http;
        if (listener.Input.Protocol != wanted)
        {
            trace.Stop(context.Finding(AnalysisCodes.LatticeProtocolMismatch, hop, site, path.Service, port, listener.Document,
                port.IsHttp2
                    ? $"{WireNames<ServiceProtocol>.Of(port.Protocol)} on port {port.Port} meets an HTTP listener: Lattice speaks HTTP/1.1 there (HTTP/2 only by ALPN on an HTTPS listener), so {(port.Protocol == ServiceProtocol.Grpc ? "gRPC loses its trailers (grpc-status) and fails" : "HTTP/2 is refused")}"
                    : $"HTTP/1.1 on port {port.Port} meets an HTTPS listener: callers that speak cleartext to the service port are refused by its TLS",
                $"Render listener {listener.Input.Name} as {(wanted == ListenerProtocol.Https ? "HTTPS (with the custom domain's certificate)" : "HTTP")}."));
            return null;
        }
        trace.Step($"listener {listener.Input.Name} ({(listener.Input.Protocol == ListenerProtocol.Https ? "HTTPS" : "HTTP")}:{listener.Input.Port})");
        return listener;
    }

    /// <summary>
    /// The target group of a local version: its port is the one the version listens on (the service port, where
    /// ECS's VPC Lattice configuration and the AWS Gateway API Controller register the tasks and pods), and its
    /// protocol version is the port's (HTTP1 for HTTP/1.1, HTTP2 for HTTP/2, GRPC or HTTP2 for gRPC: "Protocol
    /// version", docs.aws.amazon.com/vpc-lattice/latest/ug/target-groups.html).
    /// </summary>
    public static bool VersionTargetGroup(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, LatticeInputOf<CreateTargetGroupInput> group)
    {
        var port = path.Port;
        var config = group.Input.Config;
        if (config.Port != port.Port)
            return trace.Stop(context.Finding(AnalysisCodes.LatticeTargetPort, hop, site, path.Service, port, group.Document,
                $"target group {group.Input.Name} sends to port {config.Port}, and version {path.Target.Version} listens on {port.Port} (Lattice sends to the group's port unless a registration overrides it: 'Create a VPC Lattice target group', docs.aws.amazon.com/vpc-lattice/latest/ug/create-target-group.html)",
                $"Render the target group with port {port.Port}."));
        TargetGroupProtocolVersion[] accepted = port.Protocol switch
        {
            ServiceProtocol.Grpc => [TargetGroupProtocolVersion.Grpc, TargetGroupProtocolVersion.Http2],
            ServiceProtocol.Http2 => [TargetGroupProtocolVersion.Http2],
            _ => [TargetGroupProtocolVersion.Http1],
        };
        if (!accepted.Contains(config.ProtocolVersion))
            return trace.Stop(ProtocolVersionMismatch(context, path, site, hop, group, accepted, $"version {path.Target.Version}"));
        trace.Step($"target group {group.Input.Name} ({Word(config.ProtocolVersion)}:{config.Port})");
        return true;
    }

    /// <summary>
    /// The meshfed gateway's target group (through which the site's callers reach versions on other sites): its
    /// port is the gateway's local listener as the Terraform module runs it, the module registers the gateway in
    /// it (only the groups of its <c>lattice.gateway_target_groups</c> input, with that protocol version), and an
    /// HTTP/2 or gRPC port needs HTTP2 to the gateway (cleartext h2c; over HTTP1 gRPC loses its trailers).
    /// </summary>
    public static bool GatewayTargetGroup(AnalysisContext context, PathSpec path, PathTrace trace, string site, Hop hop, LatticeInputOf<CreateTargetGroupInput> group)
    {
        var port = path.Port;
        var config = group.Input.Config;
        var inputs = context.Rendering.Of(site).TerraformInputs;
        var local = (int)(inputs.Int("gateway", "local_port") ?? DataPath.LocalListenerPort);
        if (config.Port != local)
            return trace.Stop(context.Finding(AnalysisCodes.LatticeTargetPort, hop, site, path.Service, path.Caller, group.Document,
                $"the gateway's target group {group.Input.Name} sends to port {config.Port}, and the gateway's local listener is on {local} (terraform.tfvars.json gateway.local_port, which the module registers)",
                $"Render the gateway's target groups with port {local}, or run the gateway's local listener on {config.Port}."));
        var registered = inputs.Items("lattice", "gateway_target_groups").FirstOrNull(t => t.Is(group.Input.Name, "name"));
        if (registered is null || !registered.Is(Word(config.ProtocolVersion), "protocol_version"))
            return trace.Stop(context.Finding(AnalysisCodes.LatticeTargetPort, hop, site, path.Service, path.Caller, group.Document,
                registered is null
                    ? $"the Terraform module registers the gateway only in the target groups of its lattice.gateway_target_groups input, and {group.Input.Name} is not one: Lattice has no target to send to"
                    : $"the Terraform module creates its registration for {group.Input.Name} as {registered.Str("protocol_version")}, and the rendered group is {Word(config.ProtocolVersion)}",
                "Render the site's Lattice inputs and its terraform.tfvars.json from the same manifest (meshfed render), and apply both.",
                file: registered is null ? "terraform.tfvars.json" : null));
        if (port.IsHttp2 && config.ProtocolVersion == TargetGroupProtocolVersion.Http1)
            return trace.Stop(ProtocolVersionMismatch(context, path, site, hop, group, [TargetGroupProtocolVersion.Http2], "the gateway"));
        trace.Step($"target group {group.Input.Name} ({Word(config.ProtocolVersion)}:{config.Port})");
        trace.Step($"gateway local listener :{local}");
        return true;
    }

    /// <summary>The rendered word of a protocol version (HTTP1, HTTP2, GRPC).</summary>
    public static string Word(TargetGroupProtocolVersion version) => version switch
    {
        TargetGroupProtocolVersion.Http2 => "HTTP2",
        TargetGroupProtocolVersion.Grpc => "GRPC",
        _ => "HTTP1",
    };

    private static AnalysisFinding ProtocolVersionMismatch(AnalysisContext context, PathSpec path, string site, Hop hop, LatticeInputOf<CreateTargetGroupInput> group,
        IReadOnlyList<TargetGroupProtocolVersion> accepted, string targets) =>
        context.Finding(AnalysisCodes.LatticeProtocolMismatch, hop, site, path.Service, path.Port, group.Document,
            $"target group {group.Input.Name} speaks {Word(group.Input.Config.ProtocolVersion)} to {targets}, which serves {WireNames<ServiceProtocol>.Of(path.Port.Protocol)} on port {path.Port.Port}{(path.Port.Protocol == ServiceProtocol.Grpc ? ": over HTTP/1.1 gRPC has no trailers (grpc-status) and fails" : "")}",
            $"Render the target group with protocol version {string.Join(" or ", accepted.Select(Word))}.");
}

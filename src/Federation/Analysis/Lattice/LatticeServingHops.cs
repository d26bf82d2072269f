using System.Text.Json;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Api;
using MeshFed.Gateway.Config;
using MeshFed.Model;

namespace MeshFed.Federation.Analysis.Lattice;

/// <summary>
/// Hops 3 and 4 into a VPC Lattice serving site (docs/lattice-datapath.md, "Into Lattice"): the site's gateway
/// takes the request off the peer listener and sends it, SigV4-signed for <c>vpc-lattice-svcs</c> as its role,
/// to the Lattice service's custom domain on the listener's scheme and port; the service's auth policy must
/// admit the gateway's role (by its principal tag), the rule pinned to the version forwards it to the version's
/// target group. Reads the gateway's peer-listener cluster, the site's Lattice inputs and its Terraform inputs.
/// </summary>
internal static class LatticeServingHops
{
    public static bool Walk(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster)
    {
        var site = path.Serving.Name;
        var address = cluster.Body.Strings("destinations").Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null).FirstOrDefault(u => u is not null);
        if (address is null)
            return trace.Stop(context.Finding(AnalysisCodes.NoServingEntry, Hop.Ingress, site, path.Service, path.Target, cluster,
                $"the gateway's cluster {cluster.Name} has no destination", "Check that the version runs on the site.", file: "gateway-peer-clusters.json"));
        if (!Signed(context, path, trace, cluster))
            return false;
        if (LatticeHops.Service(context, path, trace, site, Hop.Ingress, address.Host) is not { } service ||
            !Delivery(context, path, trace, cluster, address, service) ||
            LatticeHops.Listener(context, path, trace, site, Hop.Ingress, service) is not { } listener ||
            !Delivers(context, path, trace, cluster, address, listener) ||
            !AdmitsGateway(context, path, trace, service) ||
            LatticeRules.ForPinned(context, path, trace, site, Hop.Ingress, service.Input.Name, listener) is not { } action)
            return false;
        var name = LatticeAddressing.VersionTargetGroupName(context.Mesh, path.Serving, path.Service, path.Target.Version, path.Port);
        if (LatticeCallerHops.Share(context, path, trace, site, Hop.Callee, action, name, listener.Document) is not { } group ||
            !LatticeHops.VersionTargetGroup(context, path, trace, site, Hop.Callee, group))
            return false;
        trace.Step($"{path.Service.Host}:{path.Port.Port} {path.Target.Version}");
        return true;
    }

    // A service with auth type AWS_IAM refuses unsigned requests ("SigV4 authenticated requests for Amazon VPC
    // Lattice", docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html): the gateway signs
    // only the clusters its plan marks with the Lattice service (GatewayPlan.LatticeServiceMetadata).
    private static bool Signed(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster)
    {
        if (cluster.Body.Str("latticeService") is { Length: > 0 } signedFor)
        {
            trace.Step($"SigV4 ({LatticeSigningHandler.SigningName}) for {signedFor}");
            return true;
        }
        return trace.Stop(context.Finding(AnalysisCodes.LatticeAuthDeniesGateway, Hop.Ingress, path.Serving.Name, path.Service, path.Serving, cluster,
            $"the gateway sends {path.Target.Version} to Lattice unsigned (its cluster {cluster.Name} is not marked for SigV4), and the Lattice service's auth type AWS_IAM refuses unsigned requests (403)",
            $"Run the gateway with its Lattice signer (meshfed gateway does on vpc-lattice sites, with the role's credentials from the standard chain).",
            file: "gateway-peer-clusters.json", resource: cluster.Name));
    }

    // The gateway's address is the service's custom domain on the listener's port (LatticeAddressing.Delivery).
    private static bool Delivery(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster, Uri address, LatticeInputOf<CreateServiceInput> service)
    {
        if (address.Port == path.Port.Port)
            return true;
        return trace.Stop(context.Finding(AnalysisCodes.PortMissing, Hop.Ingress, path.Serving.Name, path.Service, path.Port, cluster,
            $"the gateway delivers to {address.Authority}, and Lattice service {service.Input.Name} listens for port {path.Port.Port} on {path.Port.Port}",
            $"Deliver to {address.Scheme}://{service.Input.CustomDomainName}:{path.Port.Port}.", file: "gateway-peer-clusters.json", resource: cluster.Name));
    }

    // TLS to an HTTPS listener (with SNI = the custom domain), cleartext to an HTTP one; HTTP/2 by ALPN for gRPC and
    // HTTP/2 ports ("Listeners for your VPC Lattice service", docs.aws.amazon.com/vpc-lattice/latest/ug/listeners.html).
    private static bool Delivers(AnalysisContext context, PathSpec path, PathTrace trace, RenderedDocument cluster, Uri address, LatticeInputOf<CreateListenerInput> listener)
    {
        var https = listener.Input.Protocol == ListenerProtocol.Https;
        var message = address.Scheme != (https ? "https" : "http")
            ? $"the gateway speaks {address.Scheme} to listener {listener.Input.Name}, which is {(https ? "HTTPS" : "HTTP")}"
            : https && path.Port.IsHttp2 && !cluster.Body.Is("2.0", "httpVersion")
                ? $"the gateway sends HTTP/{cluster.Body.Str("httpVersion") ?? "1.1"} to listener {listener.Input.Name}, and {WireNames<ServiceProtocol>.Of(path.Port.Protocol)} on port {path.Port.Port} needs HTTP/2 (ALPN h2)"
                : null;
        if (message is null)
            return true;
        return trace.Stop(context.Finding(AnalysisCodes.LatticeProtocolMismatch, Hop.Ingress, path.Serving.Name, path.Service, path.Port, cluster,
            message, "Deliver with the listener's scheme, and HTTP/2 on HTTPS listeners of HTTP/2 and gRPC ports (GatewayPlan.LatticeVersion).",
            file: "gateway-peer-clusters.json", resource: cluster.Name));
    }

    // The gateway's role carries the principal tags of its Terraform inputs (lattice.gateway_principal_tags); the
    // service network's and the service's auth policies must both allow it ("How authorization works",
    // docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html); under AWS_IAM without a policy "all traffic
    // gets an access denied error" (same page, "Add an auth policy to a service network").
    private static bool AdmitsGateway(AnalysisContext context, PathSpec path, PathTrace trace, LatticeInputOf<CreateServiceInput> service)
    {
        var site = path.Serving.Name;
        var tags = context.Rendering.Of(site).TerraformInputs.At("lattice", "gateway_principal_tags") is { ValueKind: JsonValueKind.Object } t
            ? t.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).ToDictionary(p => p.Name, p => p.Value.Str() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var lattice = context.LatticeOf(site);
        var network = lattice.Networks.FirstOrDefault();
        string? refusal = null;
        RenderedDocument? where = service.Document;
        if (network is { Input.AuthType: AuthType.AwsIam })
        {
            // meshfed renders no network policy: a network with AWS_IAM denies everything.
            refusal = $"the service network {network.Input.Name} has auth type AWS_IAM and no auth policy, so every request is denied";
            where = network.Document;
        }
        else if (service.Input.AuthType == AuthType.AwsIam)
        {
            var policy = lattice.AuthPolicyOf(service.Input.Name);
            refusal = policy is null ? "the service has auth type AWS_IAM and no auth policy, so every request is denied"
                : LatticeAuthPolicy.Refusal(policy.Input.Policy, tags) is { } why ? $"its auth policy refuses the gateway's role: {why}" : null;
            where = policy?.Document ?? service.Document;
        }
        if (refusal is null)
        {
            trace.Step($"auth policy admits {string.Join(", ", tags.Select(p => $"{p.Key}={p.Value}"))}");
            return true;
        }
        return trace.Stop(context.Finding(AnalysisCodes.LatticeAuthDeniesGateway, Hop.Ingress, site, path.Service, path.Service, where,
            $"{refusal}: every request from other sites is denied (403)",
            $"Admit the gateway's role by its principal tag {LatticeAddressing.GatewayPrincipalTagKey} = {LatticeAddressing.GatewayPrincipalTagValue(context.Mesh, path.Serving)} in the service's auth policy (the gateway has checked the allow rules), and tag the role so (terraform.tfvars.json lattice.gateway_principal_tags)."));
    }
}

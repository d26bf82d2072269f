using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Lattice.Translation;

/// <summary>
/// What Lattice cannot express, said per service and concept, each with who enforces it instead: the meshfed
/// gateway for traffic it carries (from other sites into this one, and from this site to others), nobody for
/// traffic between callers and services of this site, which goes through Lattice alone. Lattice has no retries,
/// per-route timeouts, outlier detection, load-balancer choice, mutual TLS or JWT validation (issue 15; "Listener
/// rules" and "Target groups in VPC Lattice": round robin to healthy targets).
/// </summary>
internal static class LatticeDiagnostics
{
    public static void ReportInexpressible(LatticeContext context, Service service)
    {
        var traffic = service.Traffic;
        var routes = service.EffectiveRoutes;
        var local = context.View.RunsHere(service)
            ? "callers on this site reach it through Lattice alone, so it is lost for them"
            : "the meshfed gateway applies it to every call from this site, since Lattice forwards them all to it";
        if (traffic.Retries is not null || routes.Any(r => r.Retries is not null))
            context.Warn(service, "traffic.retries", $"Lattice does not retry: the meshfed gateway retries on cross-site paths; {local}");
        if (traffic.Timeout is not null || routes.Any(r => r.Timeout is not null))
            context.Warn(service, "traffic.timeout", $"Lattice has no per-route or per-request timeouts: the meshfed gateway bounds cross-site requests; {local}");
        if (traffic.CircuitBreaker is not null)
            context.Warn(service, "traffic.circuitBreaker", $"Lattice has no outlier ejection or connection limits (only active health checks): the meshfed gateway ejects failing sites on cross-site paths; {local}");
        if (traffic.LoadBalancer.Algorithm != LoadBalancingAlgorithm.RoundRobin)
            context.Warn(service, "traffic.loadBalancer", $"Lattice balances round robin: '{WireNames<LoadBalancingAlgorithm>.Of(traffic.LoadBalancer.Algorithm)}' applies at the meshfed gateway only; {local}");
        if (traffic.Failover.Count > 0)
            context.Warn(service, "traffic.failover", "Lattice routes by fixed weights: failover across sites happens at the meshfed gateway for the traffic it carries");
        if (!context.View.RunsHere(service))
            return;
        if (service.Security.Mtls == MtlsMode.Permissive)
            context.Warn(service, "security.mtls", "Lattice has no mutual TLS: callers on this site authenticate with SigV4 (auth type AWS_IAM) whatever the mode; the meshfed gateways keep mTLS between sites");
        if (service.Security.Jwt is not null)
            context.Warn(service, "security.jwt", "Lattice cannot validate JWTs: the meshfed gateway validates them for requests from other sites; requests from callers on this site are not checked");
    }

    /// <summary>What the site needs beyond the rendered calls: the apply inputs, DNS for the custom domains, and who registers targets.</summary>
    public static void ReportSite(LatticeContext context, IReadOnlyList<Service> rendered)
    {
        if (rendered.Count == 0)
            return;
        context.Warn(LatticeContext.SiteSubject, "dns",
            "each Lattice service's custom domain is its mesh host (name.namespace.svc.cluster.local): callers resolve it only through a CNAME to the service's Lattice DNS name, e.g. in a Route 53 private hosted zone associated with the VPC (\"Configure a custom domain name for your VPC Lattice service\"); on EKS, CoreDNS answers cluster.local itself and must forward these names");
        if (rendered.Any(s => s.Ports.Any(p => p.IsHttp2)))
        {
            context.Warn(LatticeContext.SiteSubject, "tls",
                $"HTTP/2 and gRPC ports are HTTPS listeners (Lattice negotiates HTTP/2 by ALPN only): their services' custom domains need an ACM certificate, passed to apply as {LatticeRefs.CertificateArn} (one certificate per service, 2048-bit RSA, wildcards one level deep: *.<namespace>.svc.cluster.local; \"Bring Your Own Certificate (BYOC) for VPC Lattice\"), and callers on this site must speak TLS to them");
        }
        if (rendered.Any(context.View.RunsHere))
        {
            context.Warn(LatticeContext.SiteSubject, "targets",
                "the version target groups are created empty except for static IP endpoints: ECS services register their tasks through their VPC Lattice configuration, EKS pods through the AWS Gateway API Controller; the meshfed gateway's target groups are filled by terraform/modules/aws-gateway");
        }
        context.Warn(LatticeContext.SiteSubject, "iam",
            $"callers are IAM principals: a service's deployments here are admitted by the role they declare (deployments[].aws.role, as aws:PrincipalArn), those that declare none by the tag {LatticeAddressing.ServicePrincipalTagKey}=<namespace>/<name> on their task or pod role; give the gateway's role the tag {LatticeAddressing.GatewayPrincipalTagKey}={LatticeAddressing.GatewayPrincipalTagValue(context.Mesh, context.Site)}; whoever may tag roles can assert these identities, so deny iam:TagRole on these keys to everyone else");
    }
}

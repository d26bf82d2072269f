using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// What an App Mesh site needs beyond the rendered resources, said at render time so that nothing fails
/// silently: certificate material, DNS names for services that run only elsewhere, and the caller identity
/// App Mesh cannot give the meshfed gateway.
/// </summary>
internal static class SiteDiagnostics
{
    /// <summary>
    /// Where the Envoys get certificates. On EKS: SPIRE over SDS, whose socket every Envoy (the ingress in
    /// the gateway pod included) must mount, with <c>APPMESH_SDS_SOCKET_PATH</c> (App Mesh mutual TLS guide,
    /// "Envoy's Secret Discovery Service"; the TLS guide adds that SPIRE cannot distribute certificates on EKS
    /// Fargate). Elsewhere: files ("SPIRE is not supported on Amazon ECS").
    /// </summary>
    public static void ReportCertificateFiles(AppMeshContext context, bool anyTls)
    {
        if (!anyTls)
            return;
        var domain = context.Site.MeshTrustDomain;
        if (context.UsesSds)
        {
            context.Warn(DataPath.AppMeshIngressGateway, "tls",
                $"certificates come from SPIRE over SDS: every Envoy of this site, the meshfed-ingress container of the gateway pod included, must mount the SPIRE agent socket and set APPMESH_SDS_SOCKET_PATH; SPIRE must issue spiffe://{domain}/ns/<namespace>/sa/<service> to each workload and {context.GatewaySpiffeId} to the gateway pod (SPIRE cannot serve pods on EKS Fargate)");
            return;
        }
        // On ECS the gateway module (terraform/modules/aws-gateway, ecs.tf) writes and refreshes the
        // meshfed-ingress files from the secrets its input app_mesh_ingress_tls names; the user supplies them.
        var ingressFiles = context.Platform == GatewayPlatform.Ecs
            ? "; terraform/modules/aws-gateway writes the meshfed-ingress container's files from the Secrets Manager secrets named by its input app_mesh_ingress_tls (required on ECS), issued by the mesh CA, not the federation's"
            : "";
        context.Warn(DataPath.AppMeshIngressGateway, "tls",
            $"App Mesh on {WireNames<GatewayPlatform>.Of(context.Platform)} takes certificates from files (SPIRE is not supported on Amazon ECS): every Envoy container of this site must mount its workload's certificate chain at {AppMeshTls.CertificateChainFile} and key at {AppMeshTls.PrivateKeyFile} (URI SAN spiffe://{domain}/ns/<namespace>/sa/<service>; the meshfed-ingress container: {context.GatewaySpiffeId}) and the mesh CA bundle at {AppMeshTls.TrustBundleFile}, and be replaced before the certificates expire{ingressFiles}");
    }

    /// <summary>
    /// A virtual service whose versions all run elsewhere still needs a DNS name here: the application resolves
    /// it before Envoy intercepts the connection (App Mesh troubleshooting, "Unable to resolve DNS name for a
    /// virtual service"). The CRD rendering writes a selectorless Service for it, as AWS's walkthroughs do
    /// (aws-app-mesh-examples walkthroughs/howto-k8s-mtls-sds-based); ECS has no such object (review row 13).
    /// </summary>
    public static void ReportRemoteOnlyName(AppMeshContext context, Service service)
    {
        if (context.RunsHere(service) || !service.Ports.Any(p => p.IsRequestAware))
            return;
        var message = context.Platform == GatewayPlatform.Eks
            ? $"no version runs here, so nothing gives {service.Host} a DNS name: the crds/ rendering includes a selectorless Service {service.Namespace}/{service.Name} for it; with the api/ rendering create that Service yourself"
            : $"no version runs here, so nothing gives {service.Host} a DNS name: create a record callers' tasks resolve (a Route 53 private hosted zone record, any address: Envoy intercepts the connection), or the application fails before it reaches Envoy";
        context.Warn(service, "dns", message);
    }

    /// <summary>
    /// App Mesh does not forward the client certificate (aws-app-mesh-roadmap#356: no
    /// x-forwarded-client-cert through its listeners), and the remote node reaches the meshfed gateway
    /// without mTLS, so the gateway knows no caller for requests from this site. Allow rules elsewhere that
    /// name callers running here therefore deny them; say so instead of failing with 403 at run time (review row 5).
    /// </summary>
    public static void ReportCallersWithoutIdentity(AppMeshContext context, Service service)
    {
        if (!context.View.OtherSitesRunning(service).Any())
            return;
        var callers = service.Security.Allow.SelectMany(r => r.From).Where(c => RunsHere(context, service, c)).Distinct(StringComparer.Ordinal).ToList();
        if (callers.Count == 0)
            return;
        context.Warn(service, "security.allow",
            $"the allow rules name callers that run on this App Mesh site ({string.Join(", ", callers)}): App Mesh gives the meshfed gateway no caller identity (no x-forwarded-client-cert), so their calls to {service.Name} on other sites are denied (403)");
    }

    private static bool RunsHere(AppMeshContext context, Service service, string caller) => context.View.LocalCaller(service, caller) is not null;
}

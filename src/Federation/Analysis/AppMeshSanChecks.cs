using System.Text.Json;
using MeshFed.Model;
using MeshFed.Model.Diagnostics;

namespace MeshFed.Federation.Analysis;

/// <summary>
/// App Mesh TLS validation and the SPIFFE certificates SPIRE issues over SDS (the fidelity review of
/// 2026-12-02, row 10). App Mesh API reference, <c>TlsValidationContext.subjectAlternativeNames</c>
/// (docs.aws.amazon.com/app-mesh/latest/APIReference/API_TlsValidationContext.html; the CloudFormation
/// reference, AWS::AppMesh::VirtualNode TlsValidationContext, says the same): "If you don't specify SANs on the
/// terminating mesh endpoint, the Envoy proxy for that node doesn't verify the SAN on a peer client
/// certificate. If you don't specify SANs on the originating mesh endpoint, the SAN on the certificate provided
/// by the terminating endpoint must match the mesh endpoint service discovery configuration. Since SPIRE vended
/// certificates have a SPIFFE ID as a name, you must set the SAN".
/// </summary>
internal static class AppMeshSanChecks
{
    /// <summary>
    /// The virtual gateway originates mTLS into every served node (hop 3): without SANs on its client policy it
    /// fails to verify any node whose certificate is an SDS (SPIFFE) one, so nothing enters the site.
    /// </summary>
    public static AnalysisFinding? Ingress(AnalysisContext context, Site site)
    {
        var rendered = context.Rendering.Of(site.Name);
        var vg = rendered.OfKind(AppMeshKinds.VirtualGateway).FirstOrDefault();
        var tls = vg?.Spec.At("backendDefaults", "clientPolicy", "tls");
        if (vg is null || !Originates(tls) || HasSans(tls))
            return null;
        var spiffeNodes = rendered.OfKind(AppMeshKinds.VirtualNode).Where(n => n.Spec.Items("listeners").Any(l => SpiffeCertificate(l.At("tls")))).ToList();
        if (spiffeNodes.Count == 0)
            return null;
        return context.Finding(AnalysisCodes.AppMeshSanMissing, Hop.Ingress, site.Name, null, site, vg,
            $"the virtual gateway's client policy validates the nodes' certificates with no subjectAlternativeNames, so App Mesh matches their SAN against the nodes' service discovery names; the nodes present SPIFFE certificates from SDS ({string.Join(", ", spiffeNodes.Select(n => n.Name))}), so verification fails and nothing enters the site",
            "Render backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact with the SPIFFE IDs of the served services.");
    }

    /// <summary>
    /// A local path on an App Mesh site: the caller's Envoy (any node that has the service as a backend)
    /// originates mTLS to <paramref name="node"/>'s listener. Stops the path when an originator validates an
    /// SDS certificate without SANs; warns when the listener validates callers without SANs (any certificate
    /// of the mesh CA is admitted).
    /// </summary>
    public static bool Local(AnalysisContext context, PathSpec path, PathTrace trace, RenderedSite site, RenderedDocument node, JsonElement? listener)
    {
        var listenerTls = listener.At("tls");
        if (listenerTls is null || listenerTls.Is("DISABLED", "mode"))
            return true;
        if (listenerTls.At("validation") is { } validation && !HasSans(listenerTls))
            trace.Warn(context.Finding(AnalysisCodes.AppMeshSanMissing, Hop.Callee, path.Caller.Name, path.Service, path.Service, node,
                $"virtual node {node.Name}'s listener validates client certificates with no subjectAlternativeNames, so its Envoy admits any certificate the trust ({Trust(validation)}) signed, not only the callers the manifest lets reach the service",
                "Render listeners[].tls.validation.subjectAlternativeNames.match.exact with the SPIFFE IDs of the site's callers and of the gateway.",
                Severity.Warning));
        if (SpiffeCertificate(listenerTls))
        {
            foreach (var caller in site.OfKind(AppMeshKinds.VirtualNode))
            {
                var backend = caller.Spec.Items("backends").FirstOrNull(b => b.Is(path.Service.Host, "virtualService", "virtualServiceName"));
                if (backend is null)
                    continue;
                var tls = backend.At("virtualService", "clientPolicy", "tls") ?? caller.Spec.At("backendDefaults", "clientPolicy", "tls");
                if (Originates(tls) && !HasSans(tls))
                    return trace.Stop(context.Finding(AnalysisCodes.AppMeshSanMissing, Hop.Destination, path.Caller.Name, path.Service, path.Target, caller,
                        $"virtual node {caller.Name} validates {path.Service.Host} with no subjectAlternativeNames, so App Mesh matches the callee's SAN against {node.Name}'s service discovery name; the callee presents a SPIFFE certificate from SDS ({listenerTls.Str("certificate", "sds", "secretName")}), so verification fails",
                        $"Render clientPolicy.tls.validation.subjectAlternativeNames.match.exact with the callee's SPIFFE ID on backends[] for {path.Service.Host}."));
            }
        }
        return true;
    }

    // A client policy with TLS originates it unless it says enforce: false (App Mesh API reference, ClientPolicyTls.enforce, default true).
    private static bool Originates(JsonElement? tls) => tls is not null && !tls.Is("false", "enforce");

    private static bool HasSans(JsonElement? tls) => tls.Items("validation", "subjectAlternativeNames", "match", "exact").Count > 0;

    // SPIRE over SDS issues SVIDs whose only SAN is the SPIFFE URI (App Mesh user guide, "Mutual TLS authentication").
    private static bool SpiffeCertificate(JsonElement? tls) => tls.Str("certificate", "sds", "secretName") is not null;

    private static string Trust(JsonElement? validation) =>
        validation.Str("trust", "sds", "secretName") ?? validation.Str("trust", "file", "certificateChain") ?? "the listener's trust";
}

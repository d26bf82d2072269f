using System.Text;
using System.Text.Json;
using MeshFed.Model;

namespace MeshFed.Federation.Trust;

/// <summary>
/// The federation's trust in the forms the meshes take. By default each mesh keeps its own CA and only the
/// gateways use the federation's; these exports are for teams who want a shared root end to end.
/// </summary>
public static class TrustExport
{
    /// <summary>The export formats.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["pem", "istio-cacerts", "appmesh"];

    /// <summary>
    /// Istio's plug-in CA secret (<c>cacerts</c> in <c>istio-system</c>): the site's intermediate signs the
    /// site's workload certificates, and the federation root is their common root.
    /// </summary>
    public static string IstioCacertsSecret(TrustFolder folder, string site)
    {
        var intermediate = File.ReadAllText(folder.IntermediateCertificate(site));
        var key = File.ReadAllText(folder.IntermediateKey(site));
        var root = File.ReadAllText(folder.RootCertificate);
        string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return $"""
            # Istio plug-in CA for site {site}: kubectl apply -f this file, then restart istiod.
            apiVersion: v1
            kind: Secret
            metadata:
              name: cacerts
              namespace: istio-system
              labels:
                app.kubernetes.io/managed-by: meshfed
                meshfed.dev/site: {site}
            type: Opaque
            data:
              ca-cert.pem: {B64(intermediate)}
              ca-key.pem: {B64(key)}
              root-cert.pem: {B64(root)}
              cert-chain.pem: {B64(intermediate + root)}

            """;
    }

    /// <summary>
    /// App Mesh file trust: the <c>validation</c> block a virtual node's client policy or listener takes to trust
    /// the federation's bundle mounted at <paramref name="bundlePath"/>, and SDS for the SPIFFE trust domain.
    /// </summary>
    public static string AppMeshValidation(FederatedMesh mesh, string bundlePath)
    {
        var document = new
        {
            file = new { validation = new { trust = new { file = new { certificateChain = bundlePath } } } },
            sds = new
            {
                validation = new
                {
                    trust = new { sds = new { secretName = $"spiffe://{mesh.TrustDomain}" } },
                    subjectAlternativeNames = new { match = new { exact = mesh.Sites.Select(s => DataPath.GatewaySpiffeId(mesh.TrustDomain, s.Name)).ToArray() } },
                },
            },
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}

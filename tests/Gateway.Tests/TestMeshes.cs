namespace MeshFed.Gateway.Tests;

/// <summary>Manifest text the gateway tests share: the sites; each test appends its services.</summary>
public static class TestMeshes
{
    /// <summary>Sites a (App Mesh), b (Istio on GCP) and c (on-prem Istio); ends with <c>services:</c>.</summary>
    public const string Sites = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: t }
        spec:
          trustDomain: t.example
          sites:
            - { name: a, provider: aws, region: us-east-1, mesh: appmesh, gateway: { address: 10.0.0.1 } }
            - { name: b, provider: gcp, project: p, region: europe-west1, mesh: istio, gateway: { address: 10.0.0.2 } }
            - { name: c, provider: onprem, mesh: istio, gateway: { address: 10.0.0.3 } }
          services:
        """;

    /// <summary>Service <c>slow</c> on site b with a 300 ms timeout (tests give its workload a longer delay).</summary>
    public const string SlowOnB = Sites + """

            - name: slow
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
              traffic:
                timeout: 300ms
        """;
}

namespace MeshFed.Model;

/// <summary>The service mesh a site runs, which decides the adapter that renders its configuration.</summary>
public enum MeshKind
{
    /// <summary>AWS App Mesh (Envoy sidecars, App Mesh API or controller CRDs).</summary>
    [WireName("appmesh")] AppMesh,
    /// <summary>Amazon VPC Lattice, App Mesh's successor on AWS.</summary>
    [WireName("vpc-lattice")] VpcLattice,
    /// <summary>Open-source Istio (any Kubernetes, including EKS and on-prem).</summary>
    [WireName("istio")] Istio,
    /// <summary>Google Cloud Service Mesh: Istio APIs served by a managed control plane on GKE.</summary>
    [WireName("cloud-service-mesh")] CloudServiceMesh,
}

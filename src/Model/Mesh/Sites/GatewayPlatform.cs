namespace MeshFed.Model;

/// <summary>
/// How a site's meshfed gateway is deployed. The renderers (is the gateway a mesh workload with a sidecar?
/// where does hop 3 enter the mesh? which certificate source exists?), the Terraform modules (which
/// resources to create) and the gateway's own defaults all read this one value.
/// </summary>
public enum GatewayPlatform
{
    /// <summary>An Amazon ECS (Fargate) service; on App Mesh sites the virtual gateway's Envoy runs in the same task.</summary>
    [WireName("ecs")] Ecs,
    /// <summary>A Deployment in an Amazon EKS cluster (with an Istio sidecar on Istio sites, beside the App Mesh virtual gateway on App Mesh sites).</summary>
    [WireName("eks")] Eks,
    /// <summary>A Deployment in a GKE cluster with the site mesh's sidecar (Istio or Cloud Service Mesh).</summary>
    [WireName("gke")] Gke,
    /// <summary>A Deployment in any other Kubernetes cluster (an on-prem cluster) with the site mesh's sidecar.</summary>
    [WireName("kubernetes")] Kubernetes,
    /// <summary>A host or VM outside Kubernetes (a GCP managed instance group, an on-prem systemd unit): no sidecar.</summary>
    [WireName("vm")] Vm,
}

using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>Which Istio control plane serves a site: they accept different subsets of the API.</summary>
public enum IstioProfile
{
    /// <summary>Open-source istiod: the whole networking and security API.</summary>
    [WireName("istio")] OpenSource,

    /// <summary>Google Cloud Service Mesh (managed on GKE): rejects parts of the API, e.g. localityLbSetting failover.</summary>
    [WireName("cloud-service-mesh")] CloudServiceMesh,
}

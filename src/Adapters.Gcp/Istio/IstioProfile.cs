using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio;

/// <summary>Which Istio control plane serves a site: they accept different subsets of the API.</summary>
public enum IstioProfile
{
    /// <summary>Open-source istiod: the whole networking and security API.</summary>
    [WireName("istio")] OpenSource,

    /// <summary>
    /// Google Cloud Service Mesh (managed on GKE, TRAFFIC_DIRECTOR control plane): supports a subset of the API
    /// (cloud.google.com/service-mesh/docs/onboarding/api-support, e.g. no localityLbSetting.distribute) and fetches
    /// JWKS in the workload's Envoy, so JWKS hosts need a ServiceEntry and DestinationRule.
    /// </summary>
    [WireName("cloud-service-mesh")] CloudServiceMesh,
}

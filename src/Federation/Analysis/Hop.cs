namespace MeshFed.Federation.Analysis;

/// <summary>The hops of a cross-site path (docs/data-path.md), in the order a request takes them.</summary>
internal enum Hop
{
    /// <summary>The gateway's own deployment (ports, certificates): before any request.</summary>
    [Model.WireName("deployment")] Deployment,
    /// <summary>The caller's mesh captures the request and routes it (VirtualService, App Mesh router and route).</summary>
    [Model.WireName("caller-mesh")] CallerMesh,
    /// <summary>The destination the caller's mesh sends to: the callee, or the local gateway's listener.</summary>
    [Model.WireName("destination")] Destination,
    /// <summary>The local gateway to the serving site's gateway (federation mTLS).</summary>
    [Model.WireName("peer")] Peer,
    /// <summary>The serving site's gateway into its mesh (ingress).</summary>
    [Model.WireName("ingress")] Ingress,
    /// <summary>The callee's listener and its policies.</summary>
    [Model.WireName("callee")] Callee,
}

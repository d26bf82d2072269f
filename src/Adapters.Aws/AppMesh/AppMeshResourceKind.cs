namespace MeshFed.Adapters.Aws.AppMesh;

/// <summary>The App Mesh resource kinds meshfed renders, in the order they must be created.</summary>
public enum AppMeshResourceKind
{
    /// <summary>The mesh itself.</summary>
    Mesh,
    /// <summary>A version of a service on this site, or the gateway standing in for other sites.</summary>
    VirtualNode,
    /// <summary>The router of a service.</summary>
    VirtualRouter,
    /// <summary>A route of a router.</summary>
    Route,
    /// <summary>The service name callers use, provided by its router.</summary>
    VirtualService,
    /// <summary>Where requests from other sites enter this site's mesh.</summary>
    VirtualGateway,
    /// <summary>A route of the virtual gateway to one service.</summary>
    GatewayRoute,
}

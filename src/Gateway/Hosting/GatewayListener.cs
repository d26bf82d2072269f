namespace MeshFed.Gateway.Hosting;

/// <summary>Which of a gateway's two proxying listeners a YARP instance serves.</summary>
public enum GatewayListener
{
    /// <summary>Federation mTLS from other sites' gateways (<see cref="Routing.InboundRouter"/>): this site's clusters only.</summary>
    Peer,

    /// <summary>Plain HTTP and h2c from this site's mesh (<see cref="Routing.OutboundRouter"/>): other sites' gateways and this site's clusters.</summary>
    Local,
}

using Yarp.ReverseProxy.Configuration;

namespace MeshFed.Gateway.Config;

/// <summary>
/// The plan in force, swapped whole when the manifest or the trust material changes: the routers read it per
/// request; both listeners' YARP configuration follows it through <see cref="InMemoryConfigProvider"/>.
/// </summary>
public sealed class GatewayState
{
    // Private: a lock on the instance (lock (this)) could be taken by anyone holding the state.
    private readonly Lock _gate = new();
    private GatewayPlan _plan;

    /// <summary>Starts with <paramref name="plan"/>.</summary>
    public GatewayState(GatewayPlan plan)
    {
        _plan = plan;
        LocalConfig = new InMemoryConfigProvider(plan.LocalProxy.Routes, plan.LocalProxy.Clusters);
        PeerConfig = new InMemoryConfigProvider(plan.PeerProxy.Routes, plan.PeerProxy.Clusters);
    }

    /// <summary>The plan in force.</summary>
    public GatewayPlan Plan => Volatile.Read(ref _plan);

    /// <summary>The local listener's YARP configuration.</summary>
    public InMemoryConfigProvider LocalConfig { get; }

    /// <summary>The peer listener's YARP configuration.</summary>
    public InMemoryConfigProvider PeerConfig { get; }

    /// <summary>How many plans replaced the first one.</summary>
    public int Reloads { get; private set; }

    /// <summary>Set when a stop was requested: readiness fails so load balancers stop sending new requests.</summary>
    public bool Draining { get; set; }

    /// <summary>Takes <paramref name="plan"/> into use: YARP first (clusters must exist before routers pick them).</summary>
    public void Publish(GatewayPlan plan)
    {
        lock (_gate)
        {
            LocalConfig.Update(plan.LocalProxy.Routes, plan.LocalProxy.Clusters);
            PeerConfig.Update(plan.PeerProxy.Routes, plan.PeerProxy.Clusters);
            Volatile.Write(ref _plan, plan);
            Reloads++;
        }
    }
}

using MeshFed.Gateway.LoadBalancing;
using MeshFed.Gateway.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;

namespace MeshFed.Gateway.Hosting;

/// <summary>
/// Registers a meshfed gateway listener in an ASP.NET Core application, in the style of YARP's own
/// <c>AddReverseProxy</c> (<c>ReverseProxyServiceCollectionExtensions</c>): every part with <c>TryAdd*</c>, so
/// what the host registered first wins, and a <see cref="TimeProvider"/> that YARP, Polly and the gateway all read.
/// </summary>
public static class MeshFedGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="gateway"/>'s <paramref name="listener"/>: YARP fed by the listener's half of the plan,
    /// the federation HTTP clients (<see cref="PeerClientFactory"/>), outlier ejection, ring-hash load balancing,
    /// and the transform that writes each request's trace context and forwarding headers and carries its
    /// resilience pipeline to its client (<see cref="DecisionTransform"/>). Map it with <see cref="MeshFedGatewayEndpointRouteBuilderExtensions.MapMeshFedGateway"/>.
    /// </summary>
    /// <returns>YARP's builder, for further YARP configuration.</returns>
    public static IReverseProxyBuilder AddMeshFedGateway(this IServiceCollection services, GatewayCore gateway, GatewayListener listener)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(gateway);
        // Before AddReverseProxy, whose own TryAdds (TimeProvider.System, the default client factory) would otherwise
        // win: YARP then times ejections on the gateway's clock and builds the gateway's clients.
        services.TryAddSingleton(gateway.Time);
        services.TryAddSingleton(gateway);
        services.TryAddSingleton(gateway.State);
        services.TryAddSingleton(gateway.Trust);
        services.TryAddSingleton<IForwarderHttpClientFactory, PeerClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProxyConfigProvider>(
            listener == GatewayListener.Peer ? gateway.State.PeerConfig : gateway.State.LocalConfig));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPassiveHealthCheckPolicy, OutlierPolicy>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoadBalancingPolicy, ConsistentHashPolicy>());
        return services.AddReverseProxy().AddTransforms(DecisionTransform.Add);
    }
}

using MeshFed.Gateway.Config;
using MeshFed.Gateway.Resilience;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// <see cref="OutlierPolicy"/>: the manifest's <c>circuitBreaker</c> as Envoy's outlier ejection
/// (https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier), judged by YARP's own
/// destination health updater, whose re-admission runs on a <see cref="FakeTimeProvider"/>: no wall-clock wait.
/// </summary>
public sealed class OutlierPolicyTests : IDisposable
{
    private const string Mesh = TestMeshes.Sites + """

            - name: pay
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }, { site: b, version: v1 }]
              traffic:
                circuitBreaker: { consecutive5xx: 3, baseEjectionTime: 10s, maxEjectionPercent: 50 }
            - name: plain
              ports: [{ port: 8080 }]
              deployments: [{ site: a, version: v1 }, { site: b, version: v1 }]
        """;

    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services;
    private readonly OutlierPolicy _policy;
    private readonly GatewayPlan _plan = TestPlans.Build(Mesh, "a");
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler());

    public OutlierPolicyTests()
    {
        // YARP's real updater (it ejects and schedules re-admission on the TimeProvider it is given).
        _services = new ServiceCollection().AddSingleton<TimeProvider>(_time).AddLogging().AddReverseProxy().Services.BuildServiceProvider();
        _policy = new OutlierPolicy(_services.GetRequiredService<IDestinationHealthUpdater>(), _services);
    }

    private (ClusterState Cluster, DestinationState[] Destinations) Cluster(string service, int destinations = 1)
    {
        var id = ClusterIds.Remote(TestPlans.ServiceOf(_plan, service), "b");
        var config = new ClusterConfig
        {
            ClusterId = id,
            HealthCheck = new HealthCheckConfig { Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = GatewayPlan.OutlierPolicyName }, AvailableDestinationsPolicy = "HealthyAndUnknown" },
            // The plan's own metadata: the service's circuit breaker (OutlierSettings), as YARP hands it to the policy.
            Metadata = _plan.LocalProxy.Clusters.Single(c => c.ClusterId == id).Metadata,
        };
        var cluster = new ClusterState(id, new ClusterModel(config, _client));
        var states = Enumerable.Range(0, destinations).Select(i => new DestinationState($"b-{i}")).ToArray();
        foreach (var state in states)
            cluster.Destinations[state.DestinationId] = state;
        return (cluster, states);
    }

    private (ClusterState Cluster, DestinationState Destination) Single(string service)
    {
        var (cluster, destinations) = Cluster(service);
        return (cluster, destinations[0]);
    }

    private void Proxied(ClusterState cluster, DestinationState destination, int status, bool transportError = false)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Response.StatusCode = status;
        var route = new RouteModel(new RouteConfig { RouteId = "all", ClusterId = cluster.ClusterId }, cluster, HttpTransformer.Empty);
        context.Features.Set<IReverseProxyFeature>(new ReverseProxyFeature { Route = route, Cluster = cluster.Model });
        if (transportError)
            context.Features.Set<IForwarderErrorFeature>(new TransportError());
        _policy.RequestProxied(context, cluster, destination);
    }

    private sealed class TransportError : IForwarderErrorFeature
    {
        public ForwarderError Error => ForwarderError.Request;

        public Exception? Exception => new HttpRequestException("connection refused");
    }

    [Fact]
    public void Consecutive5xx_EjectsForTheBaseEjectionTime()
    {
        var (cluster, destination) = Single("pay");
        Proxied(cluster, destination, 503);
        Proxied(cluster, destination, 500);
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);
        Proxied(cluster, destination, 502);
        Assert.Equal(DestinationHealth.Unhealthy, destination.Health.Passive);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(DestinationHealth.Unhealthy, destination.Health.Passive);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);
    }

    [Fact]
    public void ASuccess_StartsTheCountAgain()
    {
        var (cluster, destination) = Single("pay");
        Proxied(cluster, destination, 503);
        Proxied(cluster, destination, 503);
        Proxied(cluster, destination, 200);
        Proxied(cluster, destination, 503);
        Proxied(cluster, destination, 404); // a 4xx is an answer, not a failure of the destination
        Proxied(cluster, destination, 503);
        Proxied(cluster, destination, 503);
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);
        Proxied(cluster, destination, 503);
        Assert.Equal(DestinationHealth.Unhealthy, destination.Health.Passive);
    }

    [Fact]
    public void NoAnswer_CountsAsAFailure()
    {
        var (cluster, destination) = Single("pay");
        for (var i = 0; i < 3; i++)
            Proxied(cluster, destination, 200, transportError: true);
        Assert.Equal(DestinationHealth.Unhealthy, destination.Health.Passive);
    }

    [Fact]
    public void EachEjection_LastsLonger()
    {
        var (cluster, destination) = Single("pay");
        for (var i = 0; i < 3; i++)
            Proxied(cluster, destination, 503);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);

        // Envoy's rule: baseEjectionTime times the number of ejections so far.
        for (var i = 0; i < 3; i++)
            Proxied(cluster, destination, 503);
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(DestinationHealth.Unhealthy, destination.Health.Passive);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);
    }

    [Fact]
    public void MaxEjectionPercent_KeepsPartOfTheClusterIn()
    {
        // 50 % of two destinations: the first may go, the second then stays whatever it answers.
        var (cluster, destinations) = Cluster("pay", destinations: 2);
        foreach (var destination in destinations)
        {
            for (var i = 0; i < 3; i++)
                Proxied(cluster, destination, 503);
        }
        Assert.Equal([DestinationHealth.Unhealthy, DestinationHealth.Unknown], destinations.Select(d => d.Health.Passive));
    }

    [Fact]
    public void AClusterWithoutACircuitBreaker_IsNeverEjected()
    {
        var (cluster, destination) = Single("plain");
        for (var i = 0; i < 50; i++)
            Proxied(cluster, destination, 503);
        Assert.Equal(DestinationHealth.Unknown, destination.Health.Passive);
    }

    public void Dispose()
    {
        _client.Dispose();
        _services.Dispose();
    }
}

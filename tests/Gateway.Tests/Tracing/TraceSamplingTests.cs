using MeshFed.Federation.Up;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// A local caller who is not a trusted hop cannot decide trace sampling (R4): the trace continues, but its sampled
/// flag is not honoured. The mesh's sidecar (a trusted hop) and an operator who allows it still decide.
/// </summary>
public class TraceSamplingTests
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    private const string Sampled = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01";

    private static async Task<string> TraceParentSeenByTheBackend(LocalFederationOptions options)
    {
        await using var f = await TestFederation.StartAsync(Mesh, options);
        var served = await TestFederation.ReadAsync(await f.SendAsync("a", "api", headers: new Dictionary<string, string> { ["traceparent"] = Sampled }));
        return served.Headers["traceparent"];
    }

    [Fact]
    public async Task UntrustedLocalCaller_SampledFlag_IsIgnored_TraceContinues()
    {
        var traceparent = await TraceParentSeenByTheBackend(new LocalFederationOptions { TypicalLatency = false, TrustXfccFrom = [] });
        Assert.Matches("^00-5759e988bd862e3fe1be46a994272793-[0-9a-f]{16}-00$", traceparent);
    }

    [Fact]
    public async Task TrustedHop_SampledFlag_IsHonoured()
    {
        var traceparent = await TraceParentSeenByTheBackend(new LocalFederationOptions { TypicalLatency = false });
        Assert.EndsWith("-01", traceparent);
    }

    [Fact]
    public async Task OperatorAllowsIt_AnyLocalCallerDecides()
    {
        var traceparent = await TraceParentSeenByTheBackend(new LocalFederationOptions
        {
            TypicalLatency = false,
            TrustXfccFrom = [],
            ConfigureGateway = settings => settings with { TrustLocalTraceSampling = true },
        });
        Assert.EndsWith("-01", traceparent);
    }
}

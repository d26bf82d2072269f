using MeshFed.Federation.Up;
using MeshFed.Gateway.Hosting;
using MeshFed.Model;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// A request entering with any of the three trace headers leaves with all three, in the same trace; where the gateways
/// record spans (they have a tracer) and the request is sampled, their spans sit between caller and callee.
/// </summary>
public class TraceContextTests(TraceContextTests.Loopback loopback) : IClassFixture<TraceContextTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        private readonly GatewayTelemetry _tracer = GatewayTelemetry.Create(new TelemetrySettings());

        protected override string Mesh => TraceContextTests.Mesh;

        protected override LocalFederationOptions? Options => new() { TypicalLatency = false, RandomSeed = 7, Telemetry = _tracer };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _tracer.Dispose();
        }
    }

    private const string TraceId = "5759e988bd862e3fe1be46a994272793";

    [Theory]
    [InlineData("traceparent", "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")]
    [InlineData("X-Amzn-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")]
    [InlineData("X-Cloud-Trace-Context", "5759e988bd862e3fe1be46a994272793/6023947403358210776;o=1")]
    public async Task EachFormatIn_AllFormatsOut_SameTrace(string header, string value)
    {
        var f = loopback.Federation;
        var served = await TestFederation.ReadAsync(await f.SendAsync("a", "api", headers: new Dictionary<string, string> { [header] = value }));

        var traceparent = served.Headers["traceparent"];
        Assert.Matches($"^00-{TraceId}-[0-9a-f]{{16}}-01$", traceparent);
        var parent = traceparent.Split('-')[2];
        Assert.NotEqual("53995c3f42cd8ad8", parent); // the gateways' spans sit between caller and callee
        Assert.Equal($"Root=1-5759e988-bd862e3fe1be46a994272793;Parent={parent};Sampled=1", served.Headers["x-amzn-trace-id"]);
        Assert.Equal($"{TraceId}/{Convert.ToUInt64(parent, 16)};o=1", served.Headers["x-cloud-trace-context"]);
    }

    [Fact]
    public async Task NoTraceHeader_StartsOneTrace_InAllFormats()
    {
        var f = loopback.Federation;
        var served = await TestFederation.ReadAsync(await f.SendAsync("a", "api"));
        var traceId = served.Headers["traceparent"].Split('-')[1];
        Assert.StartsWith($"Root=1-{traceId[..8]}-{traceId[8..]};", served.Headers["x-amzn-trace-id"]);
        Assert.StartsWith($"{traceId}/", served.Headers["x-cloud-trace-context"]);
    }
}

namespace MeshFed.Gateway.Tests;

/// <summary>
/// Gateways that record no spans (no tracer) make no span a callee could hang from: the caller's context passes
/// through both gateways as it came, translated into all three formats, so the callee's parent is the caller's span.
/// </summary>
public class TracePassThroughTests(TracePassThroughTests.Loopback loopback) : IClassFixture<TracePassThroughTests.Loopback>
{
    private const string Mesh = TestMeshes.Sites + """

            - name: api
              ports: [{ port: 8080 }]
              deployments: [{ site: b, version: v1 }]
        """;

    /// <summary>The federation this class's tests share: they only send requests to it.</summary>
    public sealed class Loopback : SharedFederation
    {
        protected override string Mesh => TracePassThroughTests.Mesh;
    }

    [Theory]
    [InlineData("01")]
    [InlineData("00")]
    public async Task NoTracer_CallersParentAndFlag_ReachTheCallee_InAllFormats(string flags)
    {
        var sent = $"00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-{flags}";
        var served = await TestFederation.ReadAsync(await loopback.Federation.SendAsync("a", "api", headers: new Dictionary<string, string> { ["traceparent"] = sent }));

        Assert.Equal(sent, served.Headers["traceparent"]);
        Assert.Equal($"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled={flags[1]}", served.Headers["x-amzn-trace-id"]);
        Assert.Equal($"5759e988bd862e3fe1be46a994272793/{Convert.ToUInt64("53995c3f42cd8ad8", 16)};o={flags[1]}", served.Headers["x-cloud-trace-context"]);
    }

    [Fact]
    public async Task TraceState_IsPassedOn()
    {
        var served = await TestFederation.ReadAsync(await loopback.Federation.SendAsync("a", "api", headers: new Dictionary<string, string>
        {
            ["traceparent"] = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
            ["tracestate"] = "vendor=opaque",
        }));
        Assert.Equal("vendor=opaque", served.Headers["tracestate"]);
    }
}

using System.Diagnostics;
using MeshFed.Gateway.Tracing;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// What a forwarded request carries of its trace: all three formats to a service, W3C's alone to a peer gateway; and
/// never what the caller sent in any format.
/// </summary>
public sealed class RequestTraceWriteTests
{
    private static readonly RequestTrace Trace = new(
        new TraceHeaders.Context(ActivityTraceId.CreateFromString("5759e988bd862e3fe1be46a994272793"), ActivitySpanId.CreateFromString("53995c3f42cd8ad8"), true),
        "vendor=opaque",
        null);

    private static HttpRequestMessage FromCaller()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://api.default.svc.cluster.local/");
        request.Headers.TryAddWithoutValidation(TraceHeaders.TraceParent, "00-11111111111111111111111111111111-2222222222222222-00");
        request.Headers.TryAddWithoutValidation(TraceHeaders.TraceState, "caller=1");
        request.Headers.TryAddWithoutValidation(TraceHeaders.AmazonTraceId, "Root=1-11111111-111111111111111111111111;Parent=2222222222222222;Sampled=0");
        request.Headers.TryAddWithoutValidation(TraceHeaders.CloudTraceContext, "11111111111111111111111111111111/1;o=0");
        return request;
    }

    private static Dictionary<string, string> TraceHeadersOf(HttpRequestMessage request) =>
        request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));

    [Fact]
    public void ToAService_AllThreeFormats()
    {
        using var request = FromCaller();

        Trace.WriteTo(request.Headers, toPeerGateway: false);

        Assert.Equal(new Dictionary<string, string>
        {
            ["traceparent"] = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
            ["tracestate"] = "vendor=opaque",
            ["x-amzn-trace-id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            ["x-cloud-trace-context"] = "5759e988bd862e3fe1be46a994272793/6023947403358210776;o=1",
        }, TraceHeadersOf(request));
    }

    [Fact]
    public void ToAPeerGateway_W3CAlone_TheCallersOtherFormatsRemoved()
    {
        using var request = FromCaller();

        Trace.WriteTo(request.Headers, toPeerGateway: true);

        Assert.Equal(new Dictionary<string, string>
        {
            ["traceparent"] = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01",
            ["tracestate"] = "vendor=opaque",
        }, TraceHeadersOf(request));
    }

    [Fact]
    public void ToAPeerGateway_ThePeerReadsTheSameContext()
    {
        using var request = FromCaller();
        Trace.WriteTo(request.Headers, toPeerGateway: true);

        var read = TraceHeaders.ParseTraceParent(request.Headers.GetValues(TraceHeaders.TraceParent).Single());

        Assert.Equal(Trace.Outgoing, read);
    }
}

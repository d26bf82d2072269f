using System.Diagnostics;
using MeshFed.Gateway.Telemetry;
using MeshFed.Gateway.Tracing;
using MeshFed.Model;
using Microsoft.AspNetCore.Http;

namespace MeshFed.Gateway.Tests;

/// <summary>
/// The sampling decision comes before any span: an unsampled request makes none and passes the caller's context on;
/// a sampled one gets the gateway's span, in the trace the decision was made on, also when the gateway starts it.
/// </summary>
public sealed class RequestTracingTests : IDisposable
{
    private const string CallerSampled = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01";
    private readonly List<Activity> _started = [];
    private readonly ActivityListener _listener;

    public RequestTracingTests()
    {
        _listener = new ActivityListener
        {
            // By name, not by reference: when this runs before anything touched GatewayMetrics, its source is made
            // inside the first test, and asks this listener while GatewayMetrics.Source is still being assigned (null),
            // so the first test run alone got no span (Root_SampledByRate failed alone, and once in CI).
            ShouldListenTo = source => source.Name == GoldenSignals.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = activity => { lock (_started) _started.Add(activity); },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private static DefaultHttpContext Request(string? traceparent = null, string? amazon = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("api.default.svc.cluster.local");
        context.Request.Path = "/orders";
        context.Request.QueryString = new QueryString("?token=secret");
        if (traceparent is not null)
            context.Request.Headers.TraceParent = traceparent;
        if (amazon is not null)
            context.Request.Headers[TraceHeaders.AmazonTraceId] = amazon;
        return context;
    }

    [Fact]
    public void Unsampled_MakesNoSpan_AndPassesTheCallersContextOn()
    {
        var trace = RequestTracing.Begin(Request("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00"), mayDecideSampling: true, TraceSampling.For(0), recordSpans: true);

        Assert.Null(trace.Span);
        Assert.Equal("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", trace.Outgoing.ToTraceParent());
    }

    [Fact]
    public void SampledCaller_GetsTheGatewaysSpan_AsTheNextHopsParent()
    {
        var context = Request(CallerSampled);
        var trace = RequestTracing.Begin(context, mayDecideSampling: true, TraceSampling.For(0), recordSpans: true);

        var span = Assert.IsType<Activity>(trace.Span);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", span.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", span.ParentSpanId.ToHexString());
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal(new TraceHeaders.Context(span.TraceId, span.SpanId, true), trace.Outgoing);
        Assert.Equal("http://api.default.svc.cluster.local/orders", span.GetTagItem("url.full")); // no query: it may hold secrets
        context.Response.StatusCode = 503;
        trace.End(context);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(503, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public void CallerNotEntitledToDecide_SampledFlagIgnored_RateDecides()
    {
        var trace = RequestTracing.Begin(Request(CallerSampled), mayDecideSampling: false, TraceSampling.For(0), recordSpans: true);

        Assert.Null(trace.Span);
        Assert.Equal("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", trace.Outgoing.ToTraceParent());
    }

    [Fact]
    public void NoTracer_SampledRequest_KeepsTheFlag_MakesNoSpan()
    {
        var trace = RequestTracing.Begin(Request(CallerSampled), mayDecideSampling: true, TraceSampling.For(0), recordSpans: false);

        Assert.Null(trace.Span);
        Assert.Equal(CallerSampled, trace.Outgoing.ToTraceParent());
    }

    [Fact]
    public void Root_SampledByRate_SpanIsInTheTraceTheRateDecidedOn()
    {
        // At rate 1 every root is sampled; the span must carry the trace id the decision was made on (RootTraceIds),
        // or the rate would be applied to one id and the trace exported under another.
        var trace = RequestTracing.Begin(Request(), mayDecideSampling: true, TraceSampling.For(1), recordSpans: true);

        var span = Assert.IsType<Activity>(trace.Span);
        Assert.Equal(default, span.ParentSpanId);
        Assert.Equal(trace.Outgoing.TraceId, span.TraceId);
        Assert.True(trace.Outgoing.Sampled);
    }

    [Fact]
    public void Root_NotSampled_StillGetsATraceId_SoTheNextGatewayDecidesTheSame()
    {
        var first = RequestTracing.Begin(Request(), mayDecideSampling: true, TraceSampling.For(0), recordSpans: true);
        var second = RequestTracing.Begin(Request(), mayDecideSampling: true, TraceSampling.For(0), recordSpans: true);

        Assert.Null(first.Span);
        Assert.NotEqual(default, first.Outgoing.TraceId);
        Assert.NotEqual(first.Outgoing.TraceId, second.Outgoing.TraceId);
        Assert.False(first.Outgoing.Sampled);
    }

    [Fact]
    public void AmazonHeader_IsReadWhenThereIsNoTraceparent()
    {
        var trace = RequestTracing.Begin(Request(amazon: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"), mayDecideSampling: true, TraceSampling.For(0), recordSpans: true);

        Assert.Equal("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-00", trace.Outgoing.ToTraceParent());
    }
}

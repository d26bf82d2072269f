using MeshFed.Model;
using MeshFed.Tests.Shared.Telemetry;

namespace MeshFed.Telemetry.Tests.Diagnostics;

/// <summary>
/// Exporters say why they fail (issue #14, item 5): the HTTP status and the start of the answer, printable,
/// without the request's credentials, at most one event per sink per interval with the rest counted.
/// </summary>
public sealed class ExportFailureLogTests
{
    private static readonly ExportDelivery Once = new() { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(5) };

    private static Task<SendResult> Send(RetryingSender sender, LoopbackSink sink) =>
        sender.SendHttpAsync(new HttpClient(), _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sink.Endpoint, "/v3/projects/p/timeSeries")) { Content = new StringContent("{}") };
            request.Headers.Authorization = new("Bearer", "ya29.s3cret-token");
            return Task.FromResult(request);
        });

    [Fact]
    public async Task ARefusal_IsSaidWithItsStatusAndAPrintableExcerpt_NeverTheCredentials()
    {
        using var sink = new LoopbackSink();
        // An answer a sink (or anything in front of it) chooses: a newline would forge a second log line.
        sink.Behave(_ => new SinkAnswer(403, "{\"error\":{\"code\":403,\"message\":\"Permission monitoring.timeSeries.create denied\r\n2026-12-02 forged: ok\"}}"
            + new string('x', 500)));
        var clock = new ManualClock();
        var counters = new ExportCounters("log-refusal", clock);
        using var events = new ExportEvents("log-refusal");

        var result = await Send(new RetryingSender(Once, counters, clock), sink);

        Assert.Equal(SendStatus.Rejected, result.Status);
        var failed = Assert.Single(events.Events);
        Assert.Equal("SendFailed", failed.EventName);
        Assert.Equal(403, events.Payload(failed, "httpStatus"));
        Assert.Equal("rejected", events.Payload(failed, "outcome"));
        var excerpt = (string)events.Payload(failed, "excerpt")!;
        Assert.StartsWith("{\"error\":{\"code\":403,\"message\":\"Permission monitoring.timeSeries.create denied??2026-12-02 forged: ok", excerpt);
        Assert.DoesNotContain('\n', excerpt);
        Assert.True(excerpt.Length <= ExportFailureLog.ExcerptLength + 1, $"{excerpt.Length} characters");
        Assert.DoesNotContain("s3cret", string.Join("|", failed.Payload!));
    }

    [Fact]
    public async Task FailuresAreRateLimited_PerSink_AndTheSuppressedOnesAreCountedOnTheNextEvent()
    {
        using var sink = new LoopbackSink();
        sink.Behave(_ => new SinkAnswer(503, "Service Unavailable"));
        var clock = new ManualClock();
        var counters = new ExportCounters("log-rate", clock);
        var sender = new RetryingSender(Once, counters, clock);
        using var events = new ExportEvents("log-rate");

        for (var i = 0; i < 4; i++)
            await Send(sender, sink);
        clock.Advance(ExportFailureLog.Interval);
        await Send(sender, sink);

        Assert.Equal(2, events.Events.Count);
        Assert.Equal(0L, events.Payload(events.Events[0], "suppressed"));
        Assert.Equal(3L, events.Payload(events.Events[1], "suppressed"));
        Assert.Equal("retryable", events.Payload(events.Events[1], "outcome"));
        Assert.Equal(503, events.Payload(events.Events[1], "httpStatus"));
        Assert.Equal("Service Unavailable", events.Payload(events.Events[1], "excerpt"));
    }

    [Fact]
    public async Task NoAnswer_IsSaidWithWhatHappened()
    {
        var clock = new ManualClock();
        var counters = new ExportCounters("log-unreachable", clock);
        using var events = new ExportEvents("log-unreachable");
        Uri closed;
        using (var gone = new LoopbackSink())
            closed = gone.Endpoint;

        var result = await new RetryingSender(Once, counters, clock).SendHttpAsync(new HttpClient(), _ => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, closed)));

        Assert.Equal(SendStatus.Retryable, result.Status);
        var failed = Assert.Single(events.Events);
        Assert.Equal(0, events.Payload(failed, "httpStatus"));
        Assert.StartsWith("HttpRequestException: ", (string)events.Payload(failed, "excerpt")!);
    }
}

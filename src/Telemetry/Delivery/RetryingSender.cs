using MeshFed.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MeshFed.Telemetry;

/// <summary>
/// Sends one request with the exporter's <see cref="ExportDelivery"/>: each attempt bounded by a timeout,
/// throttling/5xx/timeouts/transport failures retried with full-jitter exponential backoff (Polly), every retry
/// counted. Never throws on a sink's failure: the last result says what happened, and a failed one is said through
/// the sink's <see cref="ExportCounters.Failures"/> (status and the start of the answer, rate-limited).
/// </summary>
public sealed class RetryingSender
{
    private readonly ResiliencePipeline<SendResult> _pipeline;

    /// <summary>A sender with <paramref name="delivery"/>'s bounds, counting on <paramref name="counters"/>.</summary>
    public RetryingSender(ExportDelivery delivery, ExportCounters counters, TimeProvider time)
    {
        delivery = delivery.Validated();
        var builder = new ResiliencePipelineBuilder<SendResult> { TimeProvider = time };
        if (delivery.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<SendResult>
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is TimeoutRejectedException or HttpRequestException or IOException
                    || args.Outcome.Result.Status == SendStatus.Retryable),
                MaxRetryAttempts = delivery.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = delivery.BaseDelay,
                MaxDelay = delivery.MaxDelay,
                OnRetry = _ =>
                {
                    counters.AddRetry();
                    return default;
                },
            });
        }
        _pipeline = builder.AddTimeout(delivery.AttemptTimeout).Build();
        Counters = counters;
    }

    /// <summary>The sink's counters.</summary>
    public ExportCounters Counters { get; }

    /// <summary>Runs <paramref name="attempt"/> until it is sent, refused, or out of attempts.</summary>
    public async Task<SendResult> SendAsync(Func<CancellationToken, Task<SendResult>> attempt, CancellationToken cancellationToken = default)
    {
        SendResult result;
        try
        {
            result = await _pipeline.ExecuteAsync(async token =>
            {
                Counters.AddRequest();
                return await attempt(token);
            }, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or IOException or OperationCanceledException)
        {
            // The exception's message, not only its type: "Connection refused (127.0.0.1:443)" tells an operator more.
            result = SendResult.Unreachable($"{e.GetType().Name}: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Building the request threw: no credential or token could be had (the same for every item), or a bug.
            // Either way the items are kept for the next export like an unreachable send's, and it is said as a throw
            // (ExportThrew, with what threw). Thrown out of here, it would make the delivery keep the whole batch,
            // counting again what the sink had already settled: chunks sent before it, items dropped while encoding.
            Counters.Failures.Threw(e);
            return SendResult.Unreachable($"{e.GetType().Name}: {e.Message}");
        }
        if (result.Status != SendStatus.Sent)
            Counters.Failures.SendFailed(result.Status == SendStatus.Rejected, result.HttpStatus, result.Body);
        return result;
    }

    /// <summary>Sends an HTTP request built anew for each attempt (signatures and tokens are per attempt).</summary>
    public Task<SendResult> SendHttpAsync(HttpClient http, Func<CancellationToken, Task<HttpRequestMessage>> build,
        Func<HttpResponseMessage, string, SendStatus>? classify = null, CancellationToken cancellationToken = default) =>
        SendAsync(async token =>
        {
            using var request = await build(token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            var body = await response.Content.ReadAsStringAsync(token);
            var status = (int)response.StatusCode;
            return new SendResult(classify is null ? Classify(status) : classify(response, body), status, body);
        }, cancellationToken);

    /// <summary>2xx sent; 408, 429 and 5xx retryable; any other status refused.</summary>
    public static SendStatus Classify(int status) => status switch
    {
        >= 200 and < 300 => SendStatus.Sent,
        408 or 429 or >= 500 => SendStatus.Retryable,
        _ => SendStatus.Rejected,
    };
}

using MeshFed.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MeshFed.Gateway.Resilience;

/// <summary>
/// The Polly pipelines of one plan: one per distinct (timeout, retry policy) the manifest declares, built when
/// the plan is built, so a value Polly refuses rejects the manifest instead of failing requests, and no request
/// ever builds one. The whole-request timeout is outside, retries with jittered exponential backoff within it,
/// and the per-try timeout around each attempt. Nothing about one request or one cluster is captured: the retry
/// predicate reads the sending <see cref="ResilienceHandler"/> (its cluster's budget) and whether the request has
/// a body from the request's own <see cref="ResilienceContext"/> (E10).
/// </summary>
public sealed class ResiliencePipelines(TimeProvider time)
{
    /// <summary>Whether the request has no body (so it may be sent again).</summary>
    internal static readonly ResiliencePropertyKey<bool> BodilessKey = new("meshfed.bodiless");

    /// <summary>The handler sending the request: the cluster whose retry budget a retry spends.</summary>
    internal static readonly ResiliencePropertyKey<ResilienceHandler?> SenderKey = new("meshfed.sender");

    private readonly Dictionary<(TimeSpan?, RetryPolicy?), ResiliencePipeline<HttpResponseMessage>?> _pipelines = [];

    /// <summary>
    /// The pipeline for <paramref name="timeout"/> and <paramref name="retries"/>, built on the first call for that
    /// pair (at plan build only: the plan's routes ask for all of theirs); null when there is nothing to apply.
    /// </summary>
    /// <exception cref="ArgumentException">Polly refuses a value (a timeout outside 10 ms to 24 h).</exception>
    public ResiliencePipeline<HttpResponseMessage>? For(TimeSpan? timeout, RetryPolicy? retries)
    {
        if (timeout is null && retries is null)
            return null;
        lock (_pipelines)
        {
            if (!_pipelines.TryGetValue((timeout, retries), out var pipeline))
                _pipelines[(timeout, retries)] = pipeline = Build(timeout, retries);
            return pipeline;
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Build(TimeSpan? timeout, RetryPolicy? retries)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (timeout is { } total)
            builder.AddTimeout(total);
        if (retries is { Attempts: > 0 } policy)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = policy.Attempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(25),
                MaxDelay = TimeSpan.FromMilliseconds(250),
                ShouldHandle = args => ValueTask.FromResult(
                    ShouldRetry(policy, args.Outcome, args.Context.Properties.GetValue(BodilessKey, false))
                    && args.Context.Properties.GetValue(SenderKey, null)?.TrySpendRetry() == true),
            });
            if (policy.PerTryTimeout is { } perTry)
                builder.AddTimeout(perTry);
        }
        return builder.Build();
    }

    /// <summary>Whether an attempt's outcome is one the policy retries.</summary>
    public static bool ShouldRetry(RetryPolicy policy, Outcome<HttpResponseMessage> outcome, bool bodiless)
    {
        var on = policy.On;
        if (outcome.Exception is { } exception)
        {
            var connectFailure = exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
            if (connectFailure)
                return on.Contains(RetryCondition.ConnectFailure) || on.Contains(RetryCondition.GatewayError) || on.Contains(RetryCondition.ServerError);
            if (!bodiless)
                return false;
            var timedOut = exception is TimeoutRejectedException;
            return (timedOut && (on.Contains(RetryCondition.GatewayError) || on.Contains(RetryCondition.ServerError)))
                || (exception is HttpRequestException && (on.Contains(RetryCondition.Reset) || on.Contains(RetryCondition.ServerError)));
        }
        if (!bodiless || outcome.Result is not { } response)
            return false;
        var status = (int)response.StatusCode;
        return (status >= 500 && on.Contains(RetryCondition.ServerError))
            || (status is 502 or 503 or 504 && on.Contains(RetryCondition.GatewayError))
            || (status == 409 && on.Contains(RetryCondition.Retriable4xx));
    }
}

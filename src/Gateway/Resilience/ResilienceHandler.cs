using System.Collections.Concurrent;
using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Telemetry;
using MeshFed.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MeshFed.Gateway.Resilience;

/// <summary>
/// Applies a route's timeout and retries (Polly) to each request a cluster's client sends: the whole-request
/// timeout outside, retries with jittered exponential backoff within it, and the per-try timeout around each
/// attempt. Retries draw on the cluster's <see cref="RetryBudget"/>. A request whose body has been streamed
/// cannot be sent again, so one with a body is retried only when the connection could not be made.
/// </summary>
public sealed class ResilienceHandler(RetryBudget budget, string clusterId) : DelegatingHandler
{
    /// <summary>Where the router's decision travels on the outgoing request.</summary>
    public static readonly HttpRequestOptionsKey<RoutingDecision> DecisionOption = new("meshfed.decision");

    // Whether this request has no body, read per request by the retry predicate: the pipelines are shared by
    // every request with the same policy, so nothing about one request may be captured when one is built (E10).
    private static readonly ResiliencePropertyKey<bool> Bodiless = new("meshfed.bodiless");

    // One pipeline per policy, built on first use: the handler lives as long as its cluster's client, which a new
    // plan replaces, so this is once per plan and policy, not per request.
    private readonly ConcurrentDictionary<(TimeSpan?, RetryPolicy?), ResiliencePipeline<HttpResponseMessage>> _pipelines = new();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.RecordRequest();
        if (!request.Options.TryGetValue(DecisionOption, out var decision) || (decision.Timeout is null && decision.Retries is null))
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        // A static factory with the handler as its argument: a lambda capturing `this` would be allocated on every call.
        var pipeline = _pipelines.GetOrAdd((decision.Timeout, decision.Retries), static (key, self) => self.Build(key.Item1, key.Item2), this);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(Bodiless, request.Content is null);
            return await pipeline.ExecuteAsync(
                static async (context, state) => await state.Handler.SendCore(state.Request, context.CancellationToken).ConfigureAwait(false),
                context, (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    private ResiliencePipeline<HttpResponseMessage> Build(TimeSpan? timeout, RetryPolicy? retries)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
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
                    ShouldRetry(policy, args.Outcome, args.Context.Properties.GetValue(Bodiless, false)) && Spend()),
            });
            if (policy.PerTryTimeout is { } perTry)
                builder.AddTimeout(perTry);
        }
        return builder.Build();
    }

    private bool Spend()
    {
        if (budget.TryRetry())
        {
            GatewayMetrics.Retries.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));
            return true;
        }
        GatewayMetrics.RetriesDenied.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));
        return false;
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

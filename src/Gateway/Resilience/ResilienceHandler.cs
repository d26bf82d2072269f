using MeshFed.Gateway.Routing;
using MeshFed.Gateway.Telemetry;
using Polly;

namespace MeshFed.Gateway.Resilience;

/// <summary>
/// Applies a route's timeout and retries to each request a cluster's client sends, through the pipeline the plan
/// built for them (<see cref="ResiliencePipelines"/>, carried by the router's <see cref="RoutingDecision"/>).
/// Retries draw on the cluster's <see cref="RetryBudget"/>. A request whose body has been streamed cannot be sent
/// again, so one with a body is retried only when the connection could not be made.
/// </summary>
public sealed class ResilienceHandler(RetryBudget budget, string clusterId) : DelegatingHandler
{
    /// <summary>Where the router's decision travels on the outgoing request.</summary>
    public static readonly HttpRequestOptionsKey<RoutingDecision> DecisionOption = new("meshfed.decision");

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        budget.RecordRequest();
        // Without a pipeline the request goes straight on: no async layer of this handler's own on the common path.
        return request.Options.TryGetValue(DecisionOption, out var decision) && decision.Resilience is { } pipeline
            ? SendThroughAsync(pipeline, request, cancellationToken)
            : base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendThroughAsync(ResiliencePipeline<HttpResponseMessage> pipeline, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(ResiliencePipelines.BodilessKey, request.Content is null);
            context.Properties.Set(ResiliencePipelines.SenderKey, this);
            // A static callback with the handler and request as its state: a lambda capturing them would be allocated on every
            // call. Not async: the send's task is handed to Polly as it is (Polly turns a throw from the callback into an
            // outcome as it does a faulted task), so no state machine of this callback's own per attempt.
            return await pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendCore(state.Request, context.CancellationToken)),
                context, (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendCore(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    /// <summary>Takes a retry from this cluster's budget, counting it either way; false when the budget is spent.</summary>
    internal bool TrySpendRetry()
    {
        if (budget.TryRetry())
        {
            GatewayMetrics.Retries.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));
            return true;
        }
        GatewayMetrics.RetriesDenied.Add(1, new KeyValuePair<string, object?>("cluster", clusterId));
        return false;
    }
}

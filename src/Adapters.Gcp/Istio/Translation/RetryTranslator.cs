using MeshFed.Adapters.Gcp.Istio.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Gcp.Istio.Translation;

/// <summary>
/// A route's retry policy. Retries belong to one layer (docs/data-path.md): shares sent to the meshfed gateway
/// are retried by the sending gateway for the whole cross-site path, so the sidecar must not retry them again
/// (sidecar retries × gateway retries multiply, and a sidecar perTryTimeout would cut the gateway's own attempts
/// short). Istio retries every route twice when the VirtualService gives no policy (istio.io/latest/docs/concepts/traffic-management/#retries:
/// "The default retry behavior for HTTP requests is to retry twice before returning the error"), App Mesh and
/// the gateway not at all; so a route without declared retries says attempts: 0.
/// </summary>
internal static class RetryTranslator
{
    /// <summary>
    /// Conditions under which the request never reached an upstream application, so a retry cannot duplicate
    /// work the gateway is also retrying (Envoy router filter, x-envoy-retry-on: "connect-failure", "refused-stream").
    /// </summary>
    private static readonly RetryCondition[] s_notYetSent = [RetryCondition.ConnectFailure, RetryCondition.RefusedStream];

    public static HttpRetry Translate(IstioContext context, Service service, RetryPolicy? declared, bool hasRemote)
    {
        if (declared is null || declared.Attempts == 0)
            return HttpRetry.None;
        if (!hasRemote)
            return Full(declared);
        var kept = declared.On.Where(s_notYetSent.Contains).ToList();
        var dropped = declared.On.Except(kept).Select(WireNames<RetryCondition>.Of).ToList();
        if (dropped.Count > 0 || declared.PerTryTimeout is not null)
        {
            // One line per service (the context drops repeats), whatever the routes declare.
            context.Warn(service, "traffic.retries",
                "shares sent to the meshfed gateway are retried by the sending gateway for the whole cross-site path, not by the sidecar as well: routes with such a share (their local share included, since Istio retries per route) retry only on connect-failure/refused-stream (nothing reached the gateway), without a per-try timeout");
        }
        if (kept.Count == 0)
            return HttpRetry.None;
        return new HttpRetry(declared.Attempts, RetryOn: string.Join(",", kept.Select(WireNames<RetryCondition>.Of)));
    }

    // Envoy's retry_on words are the model's words.
    private static HttpRetry Full(RetryPolicy retries) => new(
        retries.Attempts,
        retries.PerTryTimeout is { } perTry ? IstioNames.Duration(perTry) : null,
        string.Join(",", retries.On.Select(WireNames<RetryCondition>.Of)));
}

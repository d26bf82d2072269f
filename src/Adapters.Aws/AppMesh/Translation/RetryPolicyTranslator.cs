using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// A route's retry policy (API reference, HttpRetryPolicy and GrpcRetryPolicy). Retries belong to one
/// layer: where a route also sends a share to other sites, the sending meshfed gateway already retries
/// that share, and App Mesh applies a route's policy to all its targets, so such routes retry connection
/// errors only (docs/data-path.md, "Retries"; review row 24).
/// </summary>
internal static class RetryPolicyTranslator
{
    /// <summary>The policy of an httpRoute or http2Route (API shape HttpRetryPolicy), or null for none.</summary>
    public static HttpRetryPolicy? Http(AppMeshContext context, Service service, Route route, ServiceProtocol protocol, bool targetsRemote) =>
        Grpc(context, service, route, protocol, targetsRemote) is { } policy
            ? new HttpRetryPolicy(policy.MaxRetries, policy.PerRetryTimeout, policy.HttpRetryEvents, policy.TcpRetryEvents)
            : null;

    /// <summary>
    /// The policy of a grpcRoute, or null for none. GrpcRetryPolicy is HttpRetryPolicy with grpcRetryEvents,
    /// so it is the one shape built here; an httpRoute's takes its other members (its gRPC events are empty).
    /// </summary>
    public static GrpcRetryPolicy? Grpc(AppMeshContext context, Service service, Route route, ServiceProtocol protocol, bool targetsRemote)
    {
        if ((route.Retries ?? service.Traffic.Retries) is not { Attempts: > 0 } retries)
            return null;
        // App Mesh requires a per-retry timeout: without one in the manifest, each try may take the whole timeout.
        var perRetryTimeout = Duration.Of(retries.PerTryTimeout ?? AppMeshContext.RouteTimeout(service, route));
        if (targetsRemote)
        {
            // Only a route that also keeps a local share loses anything: an all-remote route is retried whole by the gateway.
            if (route.To.Any(t => t.Weight > 0 && !context.View.Resolve(service, t).IsRemote))
                context.Warn(service, "retries",
                    "routes that also send a share to other sites retry only connection errors in App Mesh (a route's retry policy applies to all its targets, and the meshfed gateway already retries the cross-site share); the local share of those routes loses the other retry conditions");
            return new GrpcRetryPolicy(retries.Attempts, perRetryTimeout, TcpRetryEvents: ["connection-error"]);
        }
        var http = new List<string>();
        var tcp = new List<string>();
        var grpc = new List<string>();
        foreach (var condition in retries.On)
        {
            switch (condition)
            {
                case RetryCondition.ServerError: http.Add("server-error"); break;
                case RetryCondition.GatewayError: http.Add("gateway-error"); break;
                case RetryCondition.Retriable4xx: http.Add("client-error"); break;
                case RetryCondition.RefusedStream: http.Add("stream-error"); break;
                case RetryCondition.Reset or RetryCondition.ConnectFailure:
                    if (tcp.Count == 0)
                        tcp.Add("connection-error");
                    break;
                // grpcRetryEvents: cancelled, deadline-exceeded, internal, resource-exhausted, unavailable (GrpcRetryPolicy).
                case var status when protocol == ServiceProtocol.Grpc:
                    grpc.Add(WireNames<RetryCondition>.Of(status));
                    break;
                default:
                    context.Warn(service, "retries.on",
                        $"'{WireNames<RetryCondition>.Of(condition)}' is a gRPC status that App Mesh's {AppMeshNames.Protocol(protocol)} routes cannot retry on; declare the port grpc, or rely on the meshfed gateway, which retries it for cross-site traffic");
                    break;
            }
        }
        if (http.Count == 0 && tcp.Count == 0 && grpc.Count == 0)
            return null;
        return new GrpcRetryPolicy(retries.Attempts, perRetryTimeout,
            grpc.Count > 0 ? grpc : null, http.Count > 0 ? http : null, tcp.Count > 0 ? tcp : null);
    }
}

using System.Text.Json.Nodes;
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
    public static JsonObject? Translate(AppMeshContext context, Service service, Route route, ServiceProtocol protocol, bool targetsRemote)
    {
        if ((route.Retries ?? service.Traffic.Retries) is not { Attempts: > 0 } retries)
            return null;
        // App Mesh requires a per-retry timeout: without one in the manifest, each try may take the whole timeout.
        var policy = new JsonObject
        {
            ["maxRetries"] = retries.Attempts,
            ["perRetryTimeout"] = AppMeshValues.Duration(retries.PerTryTimeout ?? AppMeshContext.RouteTimeout(service, route)),
        };
        if (targetsRemote)
        {
            // Only a route that also keeps a local share loses anything: an all-remote route is retried whole by the gateway.
            if (route.To.Any(t => t.Weight > 0 && !ResolvedTarget.From(service, t, context.Site.Name).IsRemote))
                context.Warn(service, "retries",
                    "routes that also send a share to other sites retry only connection errors in App Mesh (a route's retry policy applies to all its targets, and the meshfed gateway already retries the cross-site share); the local share of those routes loses the other retry conditions");
            policy["tcpRetryEvents"] = new JsonArray("connection-error");
            return policy;
        }
        var http = new JsonArray();
        var tcp = new JsonArray();
        var grpc = new JsonArray();
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
        if (grpc.Count > 0)
            policy["grpcRetryEvents"] = grpc;
        if (http.Count > 0)
            policy["httpRetryEvents"] = http;
        if (tcp.Count > 0)
            policy["tcpRetryEvents"] = tcp;
        return policy;
    }
}

using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice.Api;

namespace MeshFed.Adapters.Aws.Lattice.GatewayApi;

/// <summary>
/// An api/ rule's match as a Gateway API route match the AWS Gateway API Controller turns back into the same Lattice
/// match. HTTPRoute: an exact or prefix path, one method, at most 5 header matches ("HTTPRoute API Reference",
/// gateway-api-controller.eks.aws.dev/latest/api-types/http-route/). GRPCRoute: an exact gRPC service and method, or a
/// service alone, and headers ("GRPCRoute API Reference", .../api-types/grpc-route/). Header matches are exact only:
/// Gateway API's HTTPHeaderMatch types are Exact and RegularExpression, so Lattice's prefix match has no counterpart.
/// What has none is refused with the reason.
/// </summary>
internal static class MatchProjection
{
    public static JsonObject? Http(HttpMatch match, out string? refusal)
    {
        var headers = Headers(match, out refusal);
        if (refusal is not null)
            return null;
        var projected = new JsonObject();
        if (match.PathMatch is { } path)
        {
            projected["path"] = path.Match.Exact is { } exact
                ? new JsonObject { ["type"] = "Exact", ["value"] = exact }
                : new JsonObject { ["type"] = "PathPrefix", ["value"] = path.Match.Prefix };
        }
        if (headers is not null)
            projected["headers"] = headers;
        if (match.Method is { } method)
            projected["method"] = method;
        return projected;
    }

    public static JsonObject? Grpc(HttpMatch match, out string? refusal)
    {
        var headers = Headers(match, out refusal);
        if (refusal is not null)
            return null;
        if (match.Method is { } method && method != "POST")
        {
            refusal = $"a gRPC route matches no HTTP method, and gRPC calls are POST, never {method}";
            return null;
        }
        var projected = new JsonObject();
        if (match.PathMatch is { } path && GrpcMethod(path.Match, out refusal) is { } grpcMethod)
            projected["method"] = grpcMethod;
        if (refusal is not null)
            return null;
        if (headers is not null)
            projected["headers"] = headers;
        return projected;
    }

    /// <summary>A gRPC path is <c>/package.Service/Method</c>: an exact path is a service and method, a <c>/package.Service/</c> prefix the service alone, <c>/</c> every call.</summary>
    private static JsonObject? GrpcMethod(PathMatchType path, out string? refusal)
    {
        refusal = null;
        var parts = (path.Exact ?? path.Prefix ?? "").Split('/');
        if (path.Prefix == "/")
            return null;
        if (path.Exact is not null && parts is ["", { Length: > 0 } service, { Length: > 0 } method])
            return new JsonObject { ["type"] = "Exact", ["service"] = service, ["method"] = method };
        if (path.Prefix is not null && parts is ["", { Length: > 0 } prefixService, ""])
            return new JsonObject { ["type"] = "Exact", ["service"] = prefixService };
        refusal = $"a GRPCRoute matches a gRPC service and method, not the path {(path.Exact is not null ? "" : "prefix ")}'{path.Exact ?? path.Prefix}' (use /package.Service/Method or /package.Service/)";
        return null;
    }

    private static JsonArray? Headers(HttpMatch match, out string? refusal)
    {
        refusal = null;
        if (match.HeaderMatches is not { Count: > 0 } headers)
            return null;
        var projected = new JsonArray();
        foreach (var header in headers)
        {
            if (header.Match.Exact is not { } value)
            {
                refusal = $"Gateway API matches headers exactly or by regular expression (the controller: exactly), not by prefix (header '{header.Name}')";
                return null;
            }
            projected.Add(new JsonObject { ["type"] = "Exact", ["name"] = header.Name, ["value"] = value });
        }
        return projected;
    }
}

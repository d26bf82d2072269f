using System.Text.Json.Nodes;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Route matches: the HTTP form (httpRoute, http2Route) and the gRPC form (grpcRoute), each with
/// <c>port</c> when the router has several listeners (App Mesh guide, "Multiple listeners": routes of such
/// a router must specify the match port; aws-app-mesh-controller-for-k8s#715).
/// </summary>
internal static class RouteMatchTranslator
{
    public static JsonObject Http(RouteMatch match, int? port)
    {
        var json = new JsonObject();
        switch (match.Path)
        {
            case { Kind: PathMatchKind.Exact } path:
                json["path"] = new JsonObject { ["exact"] = path.Value };
                break;
            case { Kind: PathMatchKind.Regex } path:
                json["path"] = new JsonObject { ["regex"] = path.Value };
                break;
            default:
                json["prefix"] = match.Path?.Value ?? "/";
                break;
        }
        if (match.Method is { } method)
            json["method"] = method;
        if (match.Headers.Count > 0)
            json["headers"] = new JsonArray([.. match.Headers.Select(h => (JsonNode)Header(h))]);
        if (match.QueryParams.Count > 0)
        {
            // Validation guarantees exact matches only (App Mesh's one kind of query match).
            json["queryParameters"] = new JsonArray([.. match.QueryParams.Select(q => (JsonNode)new JsonObject
            {
                ["name"] = q.Name,
                ["match"] = new JsonObject { ["exact"] = q.Match.Value },
            })]);
        }
        if (port is { } p)
            json["port"] = p;
        return json;
    }

    /// <summary>
    /// A gRPC route match (API reference, GrpcRouteMatch): the request path <c>/package.Service/Method</c>
    /// maps to <c>serviceName</c> and <c>methodName</c>, headers to <c>metadata</c>. An exact path of that
    /// form, a prefix <c>/package.Service/</c> and the catch-all <c>/</c> are expressible; any other path,
    /// a method or a query match is not, and <paramref name="refusal"/> says why (review row 11).
    /// </summary>
    public static JsonObject? Grpc(RouteMatch match, int? port, out string? refusal)
    {
        refusal = null;
        var json = new JsonObject();
        switch (match.Path)
        {
            case null:
            case { Kind: PathMatchKind.Prefix, Value: "/" }:
                break;
            case { Kind: PathMatchKind.Prefix } prefix when prefix.Value.Length > 2 && prefix.Value[0] == '/' && prefix.Value[^1] == '/' && prefix.Value.IndexOf('/', 1) == prefix.Value.Length - 1:
                json["serviceName"] = prefix.Value[1..^1];
                break;
            case { Kind: PathMatchKind.Exact } exact when exact.Value.Split('/') is ["", { Length: > 0 } service, { Length: > 0 } method]:
                json["serviceName"] = service;
                json["methodName"] = method;
                break;
            default:
                refusal = $"App Mesh's grpcRoute matches the service and method, not a {WireNames<PathMatchKind>.Of(match.Path.Kind)} path '{match.Path.Value}': use an exact '/package.Service/Method', a prefix '/package.Service/' or no path";
                return null;
        }
        if (match.Method is not null)
        {
            refusal = "gRPC requests are all POST: App Mesh's grpcRoute has no method match; remove the method";
            return null;
        }
        if (match.QueryParams.Count > 0)
        {
            refusal = "App Mesh's grpcRoute has no query parameter match";
            return null;
        }
        if (match.Headers.Count > 0)
            json["metadata"] = new JsonArray([.. match.Headers.Select(h => (JsonNode)Header(h))]);
        if (port is { } p)
            json["port"] = p;
        return json;
    }

    /// <summary>A header (or gRPC metadata) match; without a match method the header need only be present.</summary>
    public static JsonObject Header(HeaderMatch header)
    {
        var json = new JsonObject { ["name"] = header.Name, ["invert"] = false };
        if (header.Match.Kind != StringMatchKind.Present)
            json["match"] = new JsonObject { [WireNames<StringMatchKind>.Of(header.Match.Kind)] = header.Match.Value };
        return json;
    }
}

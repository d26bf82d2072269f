using MeshFed.Adapters.Aws.AppMesh.Api;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.AppMesh.Translation;

/// <summary>
/// Route matches: the HTTP form (httpRoute, http2Route) and the gRPC form (grpcRoute), each with
/// <c>port</c> when the router has several listeners (App Mesh guide, "Multiple listeners": routes of such
/// a router must specify the match port; aws-app-mesh-controller-for-k8s#715).
/// </summary>
internal static class RouteMatchTranslator
{
    public static HttpRouteMatch Http(RouteMatch match, int? port) => new(
        Prefix: match.Path is { Kind: PathMatchKind.Exact or PathMatchKind.Regex } ? null : match.Path?.Value ?? "/",
        Path: match.Path switch
        {
            { Kind: PathMatchKind.Exact } path => new HttpPathMatch(Exact: path.Value),
            { Kind: PathMatchKind.Regex } path => new HttpPathMatch(Regex: path.Value),
            _ => null,
        },
        Method: match.Method,
        Headers: match.Headers.Count > 0 ? [.. match.Headers.Select(Header)] : null,
        // Validation guarantees exact matches only (App Mesh's one kind of query match).
        QueryParameters: match.QueryParams.Count > 0 ? [.. match.QueryParams.Select(q => new HttpQueryParameter(q.Name, new QueryParameterMatch(q.Match.Value)))] : null,
        Port: port);

    /// <summary>
    /// A gRPC route match (API reference, GrpcRouteMatch): the request path <c>/package.Service/Method</c>
    /// maps to <c>serviceName</c> and <c>methodName</c>, headers to <c>metadata</c>. An exact path of that
    /// form, a prefix <c>/package.Service/</c> and the catch-all <c>/</c> are expressible; any other path,
    /// a method or a query match is not, and <paramref name="refusal"/> says why (review row 11).
    /// </summary>
    public static GrpcRouteMatch? Grpc(RouteMatch match, int? port, out string? refusal)
    {
        refusal = null;
        string? serviceName = null, methodName = null;
        switch (match.Path)
        {
            case null:
            case { Kind: PathMatchKind.Prefix, Value: "/" }:
                break;
            case { Kind: PathMatchKind.Prefix } prefix when prefix.Value.Length > 2 && prefix.Value[0] == '/' && prefix.Value[^1] == '/' && prefix.Value.IndexOf('/', 1) == prefix.Value.Length - 1:
                serviceName = prefix.Value[1..^1];
                break;
            case { Kind: PathMatchKind.Exact } exact when exact.Value.Split('/') is ["", { Length: > 0 } service, { Length: > 0 } method]:
                (serviceName, methodName) = (service, method);
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
        return new GrpcRouteMatch(serviceName, methodName, match.Headers.Count > 0 ? [.. match.Headers.Select(Header)] : null, port);
    }

    /// <summary>A header (or gRPC metadata) match; without a match method the header need only be present.</summary>
    public static HttpRouteHeader Header(HeaderMatch header) => new(header.Name, Invert: false, header.Match.Kind switch
    {
        StringMatchKind.Present => null,
        StringMatchKind.Exact => new HeaderMatchMethod(Exact: header.Match.Value),
        StringMatchKind.Prefix => new HeaderMatchMethod(Prefix: header.Match.Value),
        StringMatchKind.Suffix => new HeaderMatchMethod(Suffix: header.Match.Value),
        StringMatchKind.Regex => new HeaderMatchMethod(Regex: header.Match.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(header), header.Match.Kind, "a string match kind App Mesh has no header match for"),
    });

    /// <summary>A header match on an exact value (the pinned-version and port headers meshfed's gateway sets).</summary>
    public static HttpRouteHeader Exact(string name, string value) => new(name, Invert: false, new HeaderMatchMethod(Exact: value));
}

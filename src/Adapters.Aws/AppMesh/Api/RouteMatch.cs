namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>API shape HttpRouteMatch: a prefix or a path, then method, headers, query and port.</summary>
/// <param name="Prefix">A path prefix.</param>
/// <param name="Path">An exact or regex path.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Headers">Header matches, all of which must hold.</param>
/// <param name="QueryParameters">Query parameter matches.</param>
/// <param name="Port">The router listener port (routers with several listeners only).</param>
public sealed record HttpRouteMatch(
    string? Prefix = null,
    HttpPathMatch? Path = null,
    string? Method = null,
    IReadOnlyList<HttpRouteHeader>? Headers = null,
    IReadOnlyList<HttpQueryParameter>? QueryParameters = null,
    int? Port = null);

/// <summary>API shape HttpPathMatch: one member set.</summary>
/// <param name="Exact">The exact path.</param>
/// <param name="Regex">A regular expression over the path.</param>
public sealed record HttpPathMatch(string? Exact = null, string? Regex = null);

/// <summary>
/// A header match: API shapes HttpRouteHeader, GrpcRouteMetadata and HttpGatewayRouteHeader (the same
/// members). Without <paramref name="Match"/> the header need only be present.
/// </summary>
/// <param name="Name">The header.</param>
/// <param name="Invert">Whether the match is negated (meshfed writes false).</param>
/// <param name="Match">How its value must match.</param>
public sealed record HttpRouteHeader(string Name, bool Invert, HeaderMatchMethod? Match = null);

/// <summary>
/// API unions HeaderMatchMethod and GrpcRouteMetadataMatchMethod: one member set (meshfed never renders range).
/// </summary>
/// <param name="Exact">Equal to.</param>
/// <param name="Regex">Matching a regular expression.</param>
/// <param name="Prefix">Starting with.</param>
/// <param name="Suffix">Ending with.</param>
public sealed record HeaderMatchMethod(string? Exact = null, string? Regex = null, string? Prefix = null, string? Suffix = null);

/// <summary>API shape HttpQueryParameter.</summary>
/// <param name="Name">The parameter.</param>
/// <param name="Match">Its value.</param>
public sealed record HttpQueryParameter(string Name, QueryParameterMatch Match);

/// <summary>API shape QueryParameterMatch.</summary>
/// <param name="Exact">Equal to.</param>
public sealed record QueryParameterMatch(string Exact);

/// <summary>API shape GrpcRouteMatch.</summary>
/// <param name="ServiceName">The gRPC service (package.Service).</param>
/// <param name="MethodName">The method (requires the service).</param>
/// <param name="Metadata">Metadata (header) matches.</param>
/// <param name="Port">The router listener port (routers with several listeners only).</param>
public sealed record GrpcRouteMatch(string? ServiceName = null, string? MethodName = null, IReadOnlyList<HttpRouteHeader>? Metadata = null, int? Port = null);

/// <summary>API shape TcpRouteMatch.</summary>
/// <param name="Port">The router listener port.</param>
public sealed record TcpRouteMatch(int Port);

namespace MeshFed.Adapters.Aws.AppMesh.Api;

/// <summary>A virtual node's listener (API shape Listener).</summary>
/// <param name="PortMapping">Port and protocol.</param>
/// <param name="Timeout">Per-request timeout, keyed by the protocol.</param>
/// <param name="OutlierDetection">Ejection of failing endpoints.</param>
/// <param name="ConnectionPool">Limits on connections or requests, keyed by the protocol.</param>
/// <param name="Tls">What the listener terminates.</param>
public sealed record Listener(
    PortMapping PortMapping,
    ListenerTimeout? Timeout = null,
    OutlierDetection? OutlierDetection = null,
    VirtualNodeConnectionPool? ConnectionPool = null,
    ListenerTls? Tls = null);

/// <summary>
/// API union ListenerTimeout: one member, the listener's protocol. Only request-aware listeners get one, so
/// the tcp member (TcpTimeout, idle only) is not modelled.
/// </summary>
/// <param name="Http">For http.</param>
/// <param name="Http2">For http2.</param>
/// <param name="Grpc">For grpc (API shape GrpcTimeout, the same members as HttpTimeout).</param>
public sealed record ListenerTimeout(HttpTimeout? Http = null, HttpTimeout? Http2 = null, HttpTimeout? Grpc = null);

/// <summary>API shapes HttpTimeout and GrpcTimeout (the same members; meshfed sets only perRequest).</summary>
/// <param name="PerRequest">How long one request may take.</param>
public sealed record HttpTimeout(Duration PerRequest);

/// <summary>API shape OutlierDetection.</summary>
/// <param name="MaxServerErrors">Consecutive 5xx before ejection.</param>
/// <param name="Interval">Between ejection sweeps.</param>
/// <param name="BaseEjectionDuration">How long an endpoint is ejected the first time.</param>
/// <param name="MaxEjectionPercent">The most endpoints ejected at once.</param>
public sealed record OutlierDetection(int MaxServerErrors, Duration Interval, Duration BaseEjectionDuration, int MaxEjectionPercent);

/// <summary>API union VirtualNodeConnectionPool: one member, the listener's protocol.</summary>
/// <param name="Tcp">VirtualNodeTcpConnectionPool.</param>
/// <param name="Http">VirtualNodeHttpConnectionPool.</param>
/// <param name="Http2">VirtualNodeHttp2ConnectionPool.</param>
/// <param name="Grpc">VirtualNodeGrpcConnectionPool.</param>
public sealed record VirtualNodeConnectionPool(
    VirtualNodeTcpConnectionPool? Tcp = null,
    VirtualNodeHttpConnectionPool? Http = null,
    VirtualNodeRequestConnectionPool? Http2 = null,
    VirtualNodeRequestConnectionPool? Grpc = null);

/// <summary>API shape VirtualNodeTcpConnectionPool.</summary>
/// <param name="MaxConnections">Concurrent connections.</param>
public sealed record VirtualNodeTcpConnectionPool(int MaxConnections);

/// <summary>API shape VirtualNodeHttpConnectionPool.</summary>
/// <param name="MaxConnections">Concurrent connections.</param>
/// <param name="MaxPendingRequests">Requests queued waiting for a connection.</param>
public sealed record VirtualNodeHttpConnectionPool(int MaxConnections, int? MaxPendingRequests = null);

/// <summary>API shapes VirtualNodeHttp2ConnectionPool and VirtualNodeGrpcConnectionPool (the same member).</summary>
/// <param name="MaxRequests">Concurrent requests.</param>
public sealed record VirtualNodeRequestConnectionPool(int MaxRequests);

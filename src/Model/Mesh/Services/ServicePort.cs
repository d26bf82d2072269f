namespace MeshFed.Model;

/// <summary>A port a service listens on.</summary>
public sealed record ServicePort
{
    /// <summary>1–65535.</summary>
    public required int Port { get; init; }

    /// <summary>The protocol spoken on it.</summary>
    public ServiceProtocol Protocol { get; init; } = ServiceProtocol.Http;

    /// <summary>Optional name (a DNS label), e.g. for Kubernetes port names.</summary>
    public string? Name { get; init; }

    /// <summary>True for protocols whose requests can be matched and routed (everything but TCP).</summary>
    public bool IsRequestAware => Protocol != ServiceProtocol.Tcp;

    /// <summary>True for protocols carried over HTTP/2 (gRPC and HTTP/2): h2 between gateways, h2c to a workload.</summary>
    public bool IsHttp2 => Protocol is ServiceProtocol.Http2 or ServiceProtocol.Grpc;
}

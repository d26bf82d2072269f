namespace MeshFed.Model;

/// <summary>How a site's mesh finds the workloads of one deployment.</summary>
public abstract record ServiceDiscovery
{
    private protected ServiceDiscovery() { }

    /// <summary>The default: the Kubernetes Service <c>name.namespace.svc.cluster.local</c> of the site's cluster.</summary>
    public static ServiceDiscovery Kubernetes { get; } = new KubernetesDiscovery();
}

/// <summary>The Kubernetes Service named after the service, in its namespace.</summary>
public sealed record KubernetesDiscovery : ServiceDiscovery;

/// <summary>A DNS name that resolves to the workloads (App Mesh <c>dns</c>, Istio <c>DNS</c> resolution).</summary>
public sealed record DnsDiscovery : ServiceDiscovery
{
    /// <summary>The host name.</summary>
    public required string Hostname { get; init; }
}

/// <summary>AWS Cloud Map (App Mesh <c>awsCloudMap</c>); AWS sites only.</summary>
public sealed record CloudMapDiscovery : ServiceDiscovery
{
    /// <summary>Cloud Map namespace name.</summary>
    public required string NamespaceName { get; init; }

    /// <summary>Cloud Map service name.</summary>
    public required string ServiceName { get; init; }
}

/// <summary>Fixed endpoints, typically VMs in a data centre (Istio <c>ServiceEntry</c> STATIC).</summary>
public sealed record StaticDiscovery : ServiceDiscovery
{
    /// <summary>Endpoints as <c>host:port</c> (or <c>host</c>, meaning the service's first port).</summary>
    public required IReadOnlyList<string> Endpoints { get; init; }
}

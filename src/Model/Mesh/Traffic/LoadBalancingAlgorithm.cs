namespace MeshFed.Model;

/// <summary>How a request picks among a version's endpoints.</summary>
public enum LoadBalancingAlgorithm
{
    /// <summary>In turn.</summary>
    [WireName("round-robin")] RoundRobin,
    /// <summary>The endpoint with the fewest active requests (power of two choices).</summary>
    [WireName("least-request")] LeastRequest,
    /// <summary>At random.</summary>
    [WireName("random")] Random,
    /// <summary>Consistent hashing on <see cref="LoadBalancer.HashOn"/> (sticky sessions).</summary>
    [WireName("ring-hash")] RingHash,
}

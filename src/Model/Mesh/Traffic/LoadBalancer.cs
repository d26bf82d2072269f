namespace MeshFed.Model;

/// <summary>The load-balancing policy of a service.</summary>
public sealed record LoadBalancer
{
    /// <summary>Round robin, which is what every target does when nothing is said.</summary>
    public static LoadBalancer Default { get; } = new() { Algorithm = LoadBalancingAlgorithm.RoundRobin };

    /// <summary>The algorithm.</summary>
    public required LoadBalancingAlgorithm Algorithm { get; init; }

    /// <summary>Hash input for <see cref="LoadBalancingAlgorithm.RingHash"/>; required for it, not allowed otherwise.</summary>
    public HashKey? HashOn { get; init; }
}

namespace MeshFed.Adapters.Gcp.Istio.Api;

/// <summary>
/// Which workloads a policy applies to (istio.io/latest/docs/reference/config/type/workload-selector/#WorkloadSelector):
/// pods and VMs carrying all these labels, in the given namespace.
/// </summary>
/// <param name="MatchLabels">The labels.</param>
public sealed record WorkloadSelector(IReadOnlyDictionary<string, string> MatchLabels)
{
    /// <summary>Workloads whose <paramref name="label"/> is <paramref name="value"/>.</summary>
    public static WorkloadSelector Of(string label, string value) => new(Labels.Of((label, value)));
}

using System.Globalization;
using MeshFed.Model;

namespace MeshFed.Gateway.Config;

/// <summary>
/// A cluster's outlier ejection (the manifest's <c>circuitBreaker</c>), carried in the YARP cluster's metadata,
/// as YARP's own passive health policies carry their settings (<c>TransportFailureRateHealthPolicy</c>), and
/// parsed once per cluster configuration by the policy that applies it (<see cref="Resilience.OutlierPolicy"/>).
/// </summary>
/// <param name="Consecutive5xx">Failures in a row that eject a destination.</param>
/// <param name="BaseEjectionTime">How long a first ejection lasts (multiplied by the number of ejections).</param>
/// <param name="MaxEjectionPercent">Most destinations (percent of the cluster) ejected at once; one always may be.</param>
public sealed record OutlierSettings(int Consecutive5xx, TimeSpan BaseEjectionTime, int MaxEjectionPercent)
{
    /// <summary>Cluster metadata key of <see cref="Consecutive5xx"/>.</summary>
    public const string Consecutive5xxKey = "meshfed.outlier.consecutive5xx";

    /// <summary>Cluster metadata key of <see cref="BaseEjectionTime"/> (invariant <c>c</c> format, exact).</summary>
    public const string BaseEjectionTimeKey = "meshfed.outlier.base-ejection-time";

    /// <summary>Cluster metadata key of <see cref="MaxEjectionPercent"/>.</summary>
    public const string MaxEjectionPercentKey = "meshfed.outlier.max-ejection-percent";

    /// <summary>Writes <paramref name="breaker"/>'s ejection settings into <paramref name="metadata"/>; nothing when null.</summary>
    public static void Write(CircuitBreaker? breaker, IDictionary<string, string> metadata)
    {
        if (breaker is null)
            return;
        metadata[Consecutive5xxKey] = breaker.Consecutive5xx.ToString(CultureInfo.InvariantCulture);
        metadata[BaseEjectionTimeKey] = breaker.BaseEjectionTime.ToString("c", CultureInfo.InvariantCulture);
        metadata[MaxEjectionPercentKey] = breaker.MaxEjectionPercent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The settings <see cref="Write"/> put in <paramref name="metadata"/>; null when a cluster has none.</summary>
    public static OutlierSettings? Read(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null
        && metadata.TryGetValue(Consecutive5xxKey, out var consecutive)
        && metadata.TryGetValue(BaseEjectionTimeKey, out var baseTime)
        && metadata.TryGetValue(MaxEjectionPercentKey, out var percent)
            ? new OutlierSettings(
                int.Parse(consecutive, NumberStyles.None, CultureInfo.InvariantCulture),
                TimeSpan.ParseExact(baseTime, "c", CultureInfo.InvariantCulture),
                int.Parse(percent, NumberStyles.None, CultureInfo.InvariantCulture))
            : null;
}

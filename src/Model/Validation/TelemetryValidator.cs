using MeshFed.Model.Diagnostics;

namespace MeshFed.Model.Validation;

/// <summary>Telemetry sinks have a cloud to send to, and latency buckets make a histogram.</summary>
internal sealed class TelemetryValidator : IMeshValidator
{
    /// <summary>Most latency buckets (CloudWatch takes 150 values per datum; more buckets than this help no one).</summary>
    public const int MaxLatencyBuckets = 100;

    private const string Path = "spec.telemetry";

    public void Validate(ValidationContext context)
    {
        var telemetry = context.Mesh.Telemetry;
        var sites = context.Mesh.Sites;
        var hasAws = sites.Any(s => s.Provider == CloudProvider.Aws && !string.IsNullOrEmpty(s.Region));
        var hasGcp = sites.Any(s => s.Provider == CloudProvider.Gcp && !string.IsNullOrEmpty(s.Project));
        Duplicates(context, telemetry.Metrics.Select(WireNames<MetricsSink>.Of), Path + ".metrics");
        Duplicates(context, telemetry.Traces.Select(WireNames<TraceSink>.Of), Path + ".traces");
        foreach (var (sink, path) in telemetry.Metrics.Select(m => (WireNames<MetricsSink>.Of(m), ".metrics"))
                     .Concat(telemetry.Traces.Select(t => (WireNames<TraceSink>.Of(t), ".traces"))))
        {
            if (context.SitesIncomplete)
                break;
            if (sink is "cloudwatch" or "xray" && !hasAws)
            {
                context.Error(DiagnosticCodes.TelemetryShape, Path + path, $"'{sink}' needs an AWS site with a region to send to",
                    "Declare an aws site with 'region', or use local, prometheus or otlp.");
            }
            if (sink is "cloud-monitoring" or "cloud-trace" && !hasGcp)
            {
                context.Error(DiagnosticCodes.TelemetryShape, Path + path, $"'{sink}' needs a GCP site with a project to send to",
                    "Declare a gcp site with 'project', or use local, prometheus or otlp.");
            }
        }
        var buckets = telemetry.LatencyBuckets;
        if (buckets.Count > MaxLatencyBuckets)
        {
            context.Error(DiagnosticCodes.TelemetryShape, Path + ".latencyBuckets", $"{buckets.Count} latency buckets are too many",
                $"Use at most {MaxLatencyBuckets}.");
        }
        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i] <= buckets[i - 1])
            {
                context.Error(DiagnosticCodes.TelemetryShape, $"{Path}.latencyBuckets[{i}]",
                    $"latency buckets must increase, but {DurationText.Format(buckets[i])} follows {DurationText.Format(buckets[i - 1])}",
                    "Sort the buckets from smallest to largest and remove repeats.");
                break;
            }
        }
        if (telemetry.Sampling == 0 && telemetry.Traces.Count > 0)
        {
            context.Warning(DiagnosticCodes.TelemetryShape, Path + ".sampling", "sampling is 0, so no trace will be recorded",
                "Use a small fraction such as 0.01, or remove 'traces'.");
        }
    }

    private static void Duplicates(ValidationContext context, IEnumerable<string> sinks, string path)
    {
        foreach (var group in sinks.GroupBy(s => s).Where(g => g.Count() > 1))
        {
            context.Error(DiagnosticCodes.DuplicateName, path, $"'{group.Key}' is listed {group.Count()} times", "List each sink once.");
        }
    }
}

using System.Diagnostics;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// Makes sure ASP.NET Core creates an <see cref="Activity"/> for every request, even when no tracer is
/// configured: without one, the gateway would pass trace headers through untranslated. The listener keeps
/// the caller's sampling decision and records nothing itself; an OpenTelemetry tracer, when present,
/// decides what is exported.
/// </summary>
public static class TraceContinuity
{
    private static readonly Lazy<ActivityListener> s_listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Registers the listener once per process.</summary>
    public static void Ensure() => _ = s_listener.Value;
}

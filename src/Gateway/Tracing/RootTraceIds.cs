using System.Diagnostics;

namespace MeshFed.Gateway.Tracing;

/// <summary>
/// Lets a root span take the trace id the gateway has already made its sampling decision on. A span without a
/// parent gets its trace id from <see cref="Activity.TraceIdGenerator"/>; this one hands out the id set for the
/// current thread, just before the span starts on it, and otherwise what the runtime would.
/// </summary>
internal static class RootTraceIds
{
    [ThreadStatic]
    private static ActivityTraceId? t_next;

    static RootTraceIds()
    {
        var previous = Activity.TraceIdGenerator;
        Activity.TraceIdGenerator = () => t_next ?? previous?.Invoke() ?? ActivityTraceId.CreateRandom();
    }

    /// <summary>Starts a span of <paramref name="source"/> with no parent, in trace <paramref name="traceId"/>.</summary>
    public static Activity? Start(ActivitySource source, string name, ActivityKind kind, ActivityTraceId traceId)
    {
        t_next = traceId;
        try
        {
            return source.StartActivity(name, kind);
        }
        finally
        {
            t_next = null;
        }
    }
}

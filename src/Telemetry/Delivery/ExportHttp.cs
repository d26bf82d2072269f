namespace MeshFed.Telemetry;

/// <summary>
/// The <see cref="HttpClient"/> the exporters share when their caller gives none: one per process (sockets and
/// connection pools are per client), with no client-wide timeout because each attempt is bounded by
/// <see cref="MeshFed.Model.ExportDelivery.AttemptTimeout"/> (<see cref="RetryingSender"/>).
/// </summary>
public static class ExportHttp
{
    private static readonly Lazy<HttpClient> s_shared = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>The shared client.</summary>
    public static HttpClient Shared => s_shared.Value;
}

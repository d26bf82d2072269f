using System.Net;
using System.Text.RegularExpressions;
using MeshFed.Model;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// Where and how golden signals go to the CloudWatch agent as Embedded Metric Format events. Limits default to the
/// EMF specification's; bounds are checked when the exporter is built.
/// </summary>
public sealed partial record CloudWatchEmfExporterOptions
{
    /// <summary>The agent's EMF port (TCP and UDP) when the address names none.</summary>
    public const int DefaultPort = 25888;

    /// <summary>The log group when none is given.</summary>
    public const string DefaultLogGroupName = "meshfed-gateway";

    /// <summary>The largest UDP payload over IPv4: 65,535 bytes less the IP (20) and UDP (8) headers.</summary>
    public const int MaxUdpPayload = 65_507;

    /// <summary>
    /// The agent: <c>tcp://host:port</c> or <c>udp://host:port</c>, port 25888 when left out (the agent's
    /// <c>logs.metrics_collected.emf</c> listener). The same syntax as <c>AWS_EMF_AGENT_ENDPOINT</c>.
    /// </summary>
    public Uri Agent { get; set; } = new($"tcp://127.0.0.1:{DefaultPort}");

    /// <summary>The metric namespace (1–255 characters, not starting with <c>AWS/</c>): the PutMetricData exporter's default.</summary>
    public string Namespace { get; set; } = "MeshFed";

    /// <summary><c>_aws.LogGroupName</c>, which the agent requires: the log group the events are written to.</summary>
    public string LogGroupName { get; set; } = DefaultLogGroupName;

    /// <summary>1 (high resolution) or 60 seconds; 60 is EMF's default and, as in the official libraries, not written.</summary>
    public int StorageResolution { get; set; } = 60;

    /// <summary>
    /// Observations per histogram series and interval written as values; a series with more becomes a stratified
    /// sample of this size (see <see cref="CloudWatchEmfExporter"/>).
    /// </summary>
    public int MaxObservationsPerSeries { get; set; } = 1000;

    /// <summary>Metric definitions per event (spec limit 100 per directive).</summary>
    public int MaxMetricsPerEvent { get; set; } = 100;

    /// <summary>Values per metric array (spec limit 100).</summary>
    public int MaxValuesPerMetric { get; set; } = 100;

    /// <summary>Bytes per event, newline included (CloudWatch Logs' event limit: 1 MB).</summary>
    public int MaxEventBytes { get; set; } = 1_000_000;

    /// <summary>Bytes per datagram over UDP, newline included: one event per datagram, never fragmented into several events.</summary>
    public int MaxDatagramBytes { get; set; } = MaxUdpPayload;

    /// <summary>Retries, the per-attempt timeout and the resend buffer (TCP; UDP neither retries nor keeps anything).</summary>
    public ExportDelivery Delivery { get; set; } = ExportDelivery.Default;

    /// <summary>True for <c>udp://</c>.</summary>
    public bool Udp => Agent.Scheme == "udp";

    /// <summary>The agent's host name or address (IPv6 without brackets).</summary>
    public string Host => Agent.DnsSafeHost;

    /// <summary>The agent's port: the address's, or 25888.</summary>
    public int Port => Agent.Port is > 0 and <= IPEndPoint.MaxPort ? Agent.Port : DefaultPort;

    /// <summary>The agent as <c>tcp://host:port</c>, for messages.</summary>
    public string Address => $"{Agent.Scheme}://{(Agent.HostNameType == UriHostNameType.IPv6 ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>The largest event (without its newline) one write or datagram may carry.</summary>
    internal int MaxLineBytes => (Udp ? Math.Min(MaxEventBytes, MaxDatagramBytes) : MaxEventBytes) - 1;

    /// <summary>Why <paramref name="agent"/> cannot be an agent address, or null when it can.</summary>
    public static string? AgentError(Uri agent) =>
        !agent.IsAbsoluteUri || agent.Scheme is not ("tcp" or "udp") ? "the CloudWatch agent is tcp://HOST:PORT or udp://HOST:PORT"
        : agent.DnsSafeHost.Length == 0 ? "the CloudWatch agent address names no host"
        : agent.Port == 0 ? "the CloudWatch agent address has port 0"
        : null;

    /// <summary>Why <paramref name="name"/> cannot be a log group name, or null when it can.</summary>
    public static string? LogGroupError(string name) =>
        name.Length is < 1 or > 512 || !LogGroupPattern().IsMatch(name) ? "a log group name is 1–512 characters of a-z, A-Z, 0-9, '_', '-', '/', '.', '#'" : null;

    internal CloudWatchEmfExporterOptions Validated()
    {
        if (AgentError(Agent) is { } error)
            throw new ArgumentException($"agent '{Agent}': {error}, e.g. tcp://127.0.0.1:{DefaultPort}", nameof(Agent));
        if (LogGroupError(LogGroupName) is { } logGroup)
            throw new ArgumentException($"log group '{LogGroupName}': {logGroup}", nameof(LogGroupName));
        if (Namespace.Length is < 1 or > 255 || Namespace.StartsWith(':') || Namespace.StartsWith("AWS/", StringComparison.Ordinal) || !NamespacePattern().IsMatch(Namespace))
            throw new ArgumentException($"namespace '{Namespace}': 1–255 characters of a-z, A-Z, 0-9, space, '.', '-', '_', '/', '#', ':', not starting with ':' or 'AWS/'", nameof(Namespace));
        ArgumentOutOfRangeException.ThrowIfNotEqual(StorageResolution is 1 or 60, true, nameof(StorageResolution));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxObservationsPerSeries, 1, nameof(MaxObservationsPerSeries));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMetricsPerEvent, 1, nameof(MaxMetricsPerEvent));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMetricsPerEvent, 100, nameof(MaxMetricsPerEvent));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxValuesPerMetric, 1, nameof(MaxValuesPerMetric));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxValuesPerMetric, 100, nameof(MaxValuesPerMetric));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEventBytes, 4096, nameof(MaxEventBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEventBytes, 1_048_576, nameof(MaxEventBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDatagramBytes, 4096, nameof(MaxDatagramBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDatagramBytes, MaxUdpPayload, nameof(MaxDatagramBytes));
        Delivery.Validated();
        return this;
    }

    // \z, not $: .NET's $ also matches before a final "\n", which neither a namespace nor a log group name may hold
    // (CloudWatch PutMetricData "Namespace" and CreateLogGroup "logGroupName" patterns).
    [GeneratedRegex(@"^(?=.*\S)[A-Za-z0-9 ._#:/-]+\z")]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_\-/.#]+\z")]
    private static partial Regex LogGroupPattern();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// An OpenTelemetry span exporter for the X-Ray daemon (or the CloudWatch agent's X-Ray listener): one UDP
/// datagram per segment, the header <c>{"format": "json", "version": 1}</c> and a newline followed by the
/// document. The daemon batches, signs and retries; UDP never blocks the gateway. Documents too large for a
/// datagram are counted as dropped.
/// </summary>
public sealed class XRayDaemonExporter : BaseExporter<Activity>, IExportSink<SpanSample>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "xray-daemon";

    /// <summary>The header every datagram starts with, newline included.</summary>
    public const string Header = "{\"format\": \"json\", \"version\": 1}\n";

    private readonly UdpClient _udp = new();
    private readonly IPEndPoint _daemon;
    private readonly ExportCounters _counters = new(SinkName);

    /// <summary>Sends to <paramref name="daemon"/> (default <c>127.0.0.1:2000</c>, env <c>AWS_XRAY_DAEMON_ADDRESS</c> in the SDKs).</summary>
    public XRayDaemonExporter(IPEndPoint? daemon = null) => _daemon = daemon ?? new IPEndPoint(IPAddress.Loopback, 2000);

    /// <summary>Segments sent, and those too large for a datagram or refused by the socket (dropped); UDP has no retries and keeps nothing.</summary>
    public MeshFed.Model.ExportStatus Status => new(_counters.Sent, _counters.Dropped, 0, 0);

    /// <summary>The datagram for one segment document.</summary>
    public static byte[] Datagram(string document) => Encoding.UTF8.GetBytes(Header + document);

    /// <inheritdoc/>
    public ExportCounters Counters => _counters;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch) => Export(SpanSample.FromBatch(batch));

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<SpanSample> items)
    {
        foreach (var span in items)
        {
            var document = XRaySegments.Document(span);
            if (document is null)
            {
                _counters.AddDropped(1);
                continue;
            }
            try
            {
                _udp.Send(Datagram(document), _daemon);
                _counters.AddSent(1);
            }
            catch (SocketException e)
            {
                _counters.AddDropped(1);
                _counters.Failures.SendFailed(rejected: true, 0, $"{e.GetType().Name}: {e.Message}");
            }
        }
        return ExportResult.Success;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _udp.Dispose();
        base.Dispose(disposing);
    }
}

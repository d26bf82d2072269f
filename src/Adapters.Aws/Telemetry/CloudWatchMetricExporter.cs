using System.IO.Compression;
using System.Net.Http.Headers;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// An OpenTelemetry metric exporter for CloudWatch <c>PutMetricData</c>, in the AWS JSON 1.0 protocol the AWS
/// SDKs use today (<c>X-Amz-Target: GraniteServiceVersion20100801.PutMetricData</c>), SigV4-signed (service
/// <c>monitoring</c>), gzip-compressed from 10 KiB on. Use it with delta temporality (a CloudWatch datum is what
/// happened in its period). Throttling and 5xx are retried with jittered backoff; what cannot be sent is kept
/// (bounded) and resent on the next export; refused requests and overflow are counted as dropped.
/// </summary>
public sealed class CloudWatchMetricExporter : BaseExporter<Metric>, IExportSink<MetricSample>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "cloudwatch";

    private readonly HttpClient _http;
    private readonly Func<AwsCredentials> _credentials;
    private readonly TimeProvider _time;
    private readonly SigV4Signer _signer;
    private readonly RetryingSender _sender;
    private readonly BatchDelivery<MetricSample> _delivery;

    /// <summary>Creates an exporter; <paramref name="credentials"/> is asked before every attempt (rotating credentials just work).</summary>
    public CloudWatchMetricExporter(CloudWatchExporterOptions options, HttpClient http, Func<AwsCredentials> credentials, TimeProvider? time = null)
    {
        Options = (options with { }).Validated(); // a copy: the caller's options object stays the caller's
        _http = http;
        _credentials = credentials;
        _time = time ?? TimeProvider.System;
        _signer = new SigV4Signer("monitoring", Options.Region);
        var counters = new ExportCounters(SinkName, _time);
        _sender = new RetryingSender(Options.Delivery, counters, _time);
        _delivery = new BatchDelivery<MetricSample>(counters, Options.Delivery.MaxPendingItems, SendAsync);
    }

    /// <summary>The options.</summary>
    public CloudWatchExporterOptions Options { get; }

    /// <summary>What this exporter has sent, dropped, retried and still holds for resending.</summary>
    public ExportStatus Status => _delivery.Status;

    /// <inheritdoc/>
    public ExportCounters Counters => _delivery.Counters;

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch) => Export(MetricSampler.Sample(batch));

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<MetricSample> items) => _delivery.Deliver(items);

    private async Task<IReadOnlyList<MetricSample>> SendAsync(IReadOnlyList<MetricSample> samples)
    {
        var unsent = new List<MetricSample>();
        foreach (var request in CloudWatchRequests.Pack(samples, Options))
        {
            var result = await _sender.SendHttpAsync(_http, _ => Task.FromResult(Build(request.Body)), AwsErrorCodes.Classify);
            switch (result.Status)
            {
                case SendStatus.Sent:
                    _delivery.Counters.AddSent(request.Samples.Count);
                    break;
                case SendStatus.Retryable:
                    unsent.AddRange(request.Samples);
                    break;
                default:
                    _delivery.Counters.AddDropped(request.Samples.Count);
                    break;
            }
        }
        return unsent;
    }

    /// <summary>The signed request for one body, exactly as sent (public for the conformance tests and benchmarks).</summary>
    internal HttpRequestMessage Build(byte[] json)
    {
        var compress = json.Length >= Options.MinCompressionBytes;
        var body = compress ? Gzip(json) : json;
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.Endpoint, "/"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        if (compress)
            request.Content.Headers.ContentEncoding.Add("gzip");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData");
        request.Headers.TryAddWithoutValidation("x-amzn-query-mode", "true");
        var uri = request.RequestUri!;
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        _signer.Sign(request, body, _credentials(), _time.GetUtcNow().UtcDateTime);
        return request;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(data);
        return output.ToArray();
    }
}

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
public sealed class CloudWatchMetricExporter : HttpSinkExporter<Metric, MetricSample, CloudWatchExporterOptions>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "cloudwatch";

    private readonly Func<AwsCredentials> _credentials;
    private readonly SigV4Signer _signer;

    /// <summary>Creates an exporter; <paramref name="credentials"/> is asked before every attempt (rotating credentials just work).</summary>
    public CloudWatchMetricExporter(CloudWatchExporterOptions options, HttpClient http, Func<AwsCredentials> credentials, TimeProvider? time = null)
        : base(SinkName, (options with { }).Validated(), o => o.Delivery, http, time) // a copy: the caller's options object stays the caller's
    {
        _credentials = credentials;
        _signer = new SigV4Signer("monitoring", Options.Region);
    }

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Metric> batch) => Export(MetricSampler.Sample(batch));

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<MetricSample>> SendAsync(IReadOnlyList<MetricSample> samples) =>
        await SendInTurn(CloudWatchRequests.Pack(samples, Options, Counters), request => request.Samples,
            request => Sender.SendHttpAsync(Http, _ => Task.FromResult(Build(request.Body)), AwsErrorCodes.Classify),
            (request, result, _) =>
            {
                if (result.Status == SendStatus.Sent)
                    Counters.AddSent(request.Samples.Count);
                else
                    Counters.AddDropped(request.Samples.Count);
            });

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
        _signer.Sign(request, body, _credentials(), Time.GetUtcNow().UtcDateTime);
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

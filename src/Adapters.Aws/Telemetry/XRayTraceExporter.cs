using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Client;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>
/// An OpenTelemetry span exporter for X-Ray <c>PutTraceSegments</c> (restJson1, <c>POST /TraceSegments</c>,
/// SigV4 service <c>xray</c>), at most 50 documents of at most 64 KB per request. Segments the API reports in
/// <c>UnprocessedTraceSegments</c> are resent on the next export when the error is throttling or internal, and
/// counted as dropped otherwise; throttling and 5xx of the whole request are retried with jittered backoff.
/// </summary>
public sealed class XRayTraceExporter : HttpSinkExporter<Activity, SpanSample, XRayExporterOptions>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "xray";

    private readonly Func<AwsCredentials> _credentials;
    private readonly SigV4Signer _signer;

    /// <summary>Creates an exporter; <paramref name="credentials"/> is asked before every attempt.</summary>
    public XRayTraceExporter(XRayExporterOptions options, HttpClient http, Func<AwsCredentials> credentials, TimeProvider? time = null)
        : base(SinkName, (options with { }).Validated(), o => o.Delivery, http, time) // a copy: the caller's options object stays the caller's
    {
        _credentials = credentials;
        _signer = new SigV4Signer("xray", Options.Region);
    }

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch) => Export(SpanSample.FromBatch(batch));

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<SpanSample>> SendAsync(IReadOnlyList<SpanSample> spans)
    {
        // A document too large even without its metadata is null: dropped and counted with the ones that throw.
        var documents = Counters.EncodeEach(spans, span => XRaySegments.Document(span));
        return await SendInTurn(documents.Chunk(Options.MaxSegmentsPerRequest).ToList(), chunk => chunk.Select(c => c.Item),
            chunk =>
            {
                var body = Body(chunk.Select(c => c.Encoded));
                return Sender.SendHttpAsync(Http, _ => Task.FromResult(Build(body)), AwsErrorCodes.Classify);
            },
            (chunk, result, unsent) =>
            {
                if (result.Status == SendStatus.Rejected)
                {
                    Counters.AddDropped(chunk.Length);
                    return;
                }
                var (retry, refused) = Unprocessed(result.Body);
                foreach (var (span, _) in chunk)
                {
                    if (retry.Contains(span.SpanId))
                        unsent.Add(span);
                    else if (refused.Contains(span.SpanId))
                        Counters.AddDropped(1);
                    else
                        Counters.AddSent(1);
                }
            });
    }

    /// <summary>The body for a set of documents: <c>{"TraceSegmentDocuments":["…", …]}</c>.</summary>
    internal static byte[] Body(IEnumerable<string> documents) =>
        JsonSerializer.SerializeToUtf8Bytes(new PutTraceSegmentsInput([.. documents]), XRayJsonContext.Default.PutTraceSegmentsInput);

    /// <summary>The signed request for one body.</summary>
    internal HttpRequestMessage Build(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.Endpoint, "/TraceSegments")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var uri = request.RequestUri!;
        request.Headers.Host = uri.IsDefaultPort ? uri.Host : uri.Authority;
        _signer.Sign(request, body, _credentials(), Time.GetUtcNow().UtcDateTime);
        return request;
    }

    /// <summary>Segment ids to resend (throttled or internal errors) and ids refused for good, from a 200 answer.</summary>
    private static (HashSet<string> Retry, HashSet<string> Refused) Unprocessed(string body)
    {
        var retry = new HashSet<string>(StringComparer.Ordinal);
        var refused = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            if (JsonNode.Parse(body) is not JsonObject { } answer || answer["UnprocessedTraceSegments"] is not JsonArray unprocessed)
                return (retry, refused);
            foreach (var item in unprocessed.OfType<JsonObject>())
            {
                if (item["Id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
                    continue;
                var code = item["ErrorCode"] is JsonValue codeValue && codeValue.TryGetValue<string>(out var text) ? text : "";
                (AwsErrorCodes.IsThrottling(code) || code.Contains("Internal", StringComparison.OrdinalIgnoreCase) ? retry : refused).Add(id);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // A 200 whose body is not JSON (or JSON with a key twice, which JsonObject refuses): the segments were
            // taken. (One of another shape is read as far as it has the documented fields, above: the answer is the
            // sink's text, and must not throw out of the send.)
        }
        return (retry, refused);
    }
}

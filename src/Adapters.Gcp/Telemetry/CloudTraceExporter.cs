using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using MeshFed.Model;
using MeshFed.Telemetry;
using OpenTelemetry;

namespace MeshFed.Adapters.Gcp.Telemetry;

/// <summary>
/// An OpenTelemetry span exporter for Cloud Trace <c>projects.traces:batchWrite</c> (REST JSON, OAuth2 bearer
/// token). Limits are met by truncating and counting (see <see cref="CloudTraceSpans"/>); 429 and 5xx are retried
/// with jittered backoff, and what still cannot be sent is kept (bounded) for the next export.
/// </summary>
public sealed class CloudTraceExporter : HttpSinkExporter<Activity, SpanSample, CloudTraceExporterOptions>
{
    /// <summary>The sink name on the <c>MeshFed.Telemetry</c> counters.</summary>
    public const string SinkName = "cloud-trace";

    private readonly Func<CancellationToken, Task<string>> _token;

    /// <summary>Creates an exporter; <paramref name="accessToken"/> gives a bearer token per attempt (see <see cref="GoogleAccessTokens"/>).</summary>
    public CloudTraceExporter(CloudTraceExporterOptions options, HttpClient http, Func<CancellationToken, Task<string>> accessToken, TimeProvider? time = null)
        : base(SinkName, (options with { }).Validated(), o => o.Delivery, http, time) // a copy: the caller's options object stays the caller's
    {
        _token = accessToken;
    }

    /// <inheritdoc/>
    public override ExportResult Export(in Batch<Activity> batch) => Export(SpanSample.FromBatch(batch));

    /// <inheritdoc/>
    protected override async Task<IReadOnlyList<SpanSample>> SendAsync(IReadOnlyList<SpanSample> spans)
    {
        var documents = Counters.EncodeEach(spans, span => CloudTraceSpans.From(span, Options.ProjectId));
        return await SendInTurn(documents.Chunk(Options.MaxSpansPerRequest).ToList(), chunk => chunk.Select(c => c.Item),
            chunk =>
            {
                var body = Body(chunk.Select(c => c.Encoded));
                return Sender.SendHttpAsync(Http, token => BuildAsync(body, token));
            },
            (chunk, result, _) =>
            {
                if (result.Status == SendStatus.Sent)
                    Counters.AddSent(chunk.Length);
                else
                    Counters.AddDropped(chunk.Length);
            });
    }

    /// <summary>The request body for a set of spans (their documents hold only text, integers and booleans: writing them cannot fail on a value).</summary>
    private static byte[] Body(IEnumerable<CloudTraceSpanDocument> spans) =>
        JsonSerializer.SerializeToUtf8Bytes(new CloudTraceBatchWrite([.. spans]), CloudTraceJsonContext.Default.CloudTraceBatchWrite);

    private async Task<HttpRequestMessage> BuildAsync(byte[] body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Options.Endpoint, $"/v2/projects/{Uri.EscapeDataString(Options.ProjectId)}/traces:batchWrite"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _token(cancellationToken));
        return request;
    }
}

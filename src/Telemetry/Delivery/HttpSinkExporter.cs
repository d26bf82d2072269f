using MeshFed.Model;
using OpenTelemetry;

namespace MeshFed.Telemetry;

/// <summary>
/// What every exporter that sends batches to a cloud's HTTP API shares (CloudWatch, X-Ray, Cloud Trace, Cloud
/// Monitoring): a validated copy of its options, the sink's counters (whose failure log says why a send failed,
/// through <see cref="ExportEventSource"/>), the retrying sender, and the delivery that keeps what could not be sent
/// (bounded) for the next export. A subclass says how items become requests (<see cref="SendAsync"/>) and how an
/// OpenTelemetry batch becomes items (<c>Export(in Batch)</c>).
/// </summary>
/// <typeparam name="TRecord">What OpenTelemetry hands over: metrics or activities.</typeparam>
/// <typeparam name="TItem">What is sent: samples of them.</typeparam>
/// <typeparam name="TOptions">The exporter's options.</typeparam>
public abstract class HttpSinkExporter<TRecord, TItem, TOptions> : BaseExporter<TRecord>, IExportSink<TItem>
    where TRecord : class
{
    private readonly BatchDelivery<TItem> _delivery;

    /// <summary>Sets up the delivery of the sink <paramref name="sinkName"/>.</summary>
    /// <param name="sinkName">The sink name on the <c>MeshFed.Telemetry</c> counters.</param>
    /// <param name="options">The options, already validated and copied (the caller's object stays the caller's).</param>
    /// <param name="deliveryOf">Where <paramref name="options"/> keep the retries, timeouts and resend buffer.</param>
    /// <param name="http">The HTTP client.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    /// <param name="prepare">What to do with the pending and fresh items before a send (default: nothing).</param>
    protected HttpSinkExporter(string sinkName, TOptions options, Func<TOptions, ExportDelivery> deliveryOf, HttpClient http, TimeProvider? time,
        Func<List<TItem>, List<TItem>>? prepare = null)
    {
        ArgumentNullException.ThrowIfNull(deliveryOf);
        Options = options;
        var delivery = deliveryOf(options);
        Http = http;
        Time = time ?? TimeProvider.System;
        var counters = new ExportCounters(sinkName, Time);
        Sender = new RetryingSender(delivery, counters, Time);
        _delivery = new BatchDelivery<TItem>(counters, delivery.MaxPendingItems, SendAsync) { Prepare = prepare ?? (items => items) };
    }

    /// <summary>The options (a validated copy).</summary>
    public TOptions Options { get; }

    /// <summary>What this exporter has sent, dropped, retried and still holds for resending.</summary>
    public ExportStatus Status => _delivery.Status;

    /// <inheritdoc/>
    public ExportCounters Counters => _delivery.Counters;

    /// <summary>The HTTP client requests go through.</summary>
    protected HttpClient Http { get; }

    /// <summary>The clock (signing, backoff, the failure log's rate limit).</summary>
    protected TimeProvider Time { get; }

    /// <summary>Sends with retries and counts the retries.</summary>
    protected RetryingSender Sender { get; }

    /// <inheritdoc/>
    public ExportResult Export(IReadOnlyList<TItem> items) => _delivery.Deliver(items);

    /// <summary>Sends <paramref name="items"/>; returns those to try again later (refused ones are counted as dropped, not returned).</summary>
    protected abstract Task<IReadOnlyList<TItem>> SendAsync(IReadOnlyList<TItem> items);

    /// <summary>
    /// Sends <paramref name="requests"/> in turn; returns the items to try again later. The first request still
    /// retryable once the sender's retries are spent ends the export: the sink is unreachable, throttling or failing,
    /// and the requests after it would meet the same (each asking for credentials or a token again), so it and they
    /// wait for the next export. Any other answer is the sink's to settle (<paramref name="settle"/>: count what was
    /// sent and dropped, add what to try again).
    /// </summary>
    protected static async Task<List<TItem>> SendInTurn<TRequest>(IReadOnlyList<TRequest> requests, Func<TRequest, IEnumerable<TItem>> itemsOf,
        Func<TRequest, Task<SendResult>> send, Action<TRequest, SendResult, List<TItem>> settle)
    {
        var unsent = new List<TItem>();
        for (var next = 0; next < requests.Count; next++)
        {
            var result = await send(requests[next]);
            if (result.Status == SendStatus.Retryable)
            {
                unsent.AddRange(requests.Skip(next).SelectMany(itemsOf));
                break;
            }
            settle(requests[next], result, unsent);
        }
        return unsent;
    }
}

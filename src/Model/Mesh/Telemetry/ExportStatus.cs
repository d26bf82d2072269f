namespace MeshFed.Model;

/// <summary>
/// A snapshot of one telemetry exporter's health: items the sink accepted, items given up (refused, or pushed out of
/// the full resend buffer), requests retried, and items waiting to be resent. The same totals are exported as the
/// <c>MeshFed.Telemetry</c> meter's <c>meshfed.export.*</c> counters.
/// </summary>
/// <param name="Sent">Items accepted.</param>
/// <param name="Dropped">Items given up, each counted once.</param>
/// <param name="Retries">Requests retried after throttling, 5xx, a timeout or a transport failure.</param>
/// <param name="Pending">Items kept for the next export.</param>
public sealed record ExportStatus(long Sent, long Dropped, long Retries, int Pending);

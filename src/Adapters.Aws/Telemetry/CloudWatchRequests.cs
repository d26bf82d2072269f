using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Telemetry;

namespace MeshFed.Adapters.Aws.Telemetry;

/// <summary>One PutMetricData body and the samples it carries (to keep for resending if it fails).</summary>
internal sealed record CloudWatchRequest(byte[] Body, IReadOnlyList<MetricSample> Samples, int DatumCount);

/// <summary>
/// Packs data into PutMetricData bodies (AWS JSON 1.0) within the limits: at most
/// <see cref="CloudWatchExporterOptions.MaxDatumsPerRequest"/> data and <see cref="CloudWatchExporterOptions.MaxRequestBytes"/>
/// bytes each. The data of one sample always travel together, so a failed request is resent whole without duplicates.
/// </summary>
internal static class CloudWatchRequests
{
    /// <summary>The data of one sample and their size in a body (comma included).</summary>
    private sealed record DatumGroup(List<JsonNode> Datums, int Bytes);

    /// <summary>The bodies for <paramref name="samples"/>; a sample whose data cannot be written is dropped alone and counted on <paramref name="counters"/>.</summary>
    public static List<CloudWatchRequest> Pack(IReadOnlyList<MetricSample> samples, CloudWatchExporterOptions options, ExportCounters counters)
    {
        var requests = new List<CloudWatchRequest>();
        var envelope = Encoding.UTF8.GetByteCount(Envelope(options.Namespace, new JsonArray()).ToJsonString());
        var datums = new JsonArray();
        var carried = new List<MetricSample>();
        var bytes = envelope;

        void Flush()
        {
            if (datums.Count == 0)
                return;
            var body = Encoding.UTF8.GetBytes(Envelope(options.Namespace, datums).ToJsonString());
            requests.Add(new CloudWatchRequest(body, carried, datums.Count));
            datums = [];
            carried = [];
            bytes = envelope;
        }

        foreach (var (sample, group) in counters.EncodeEach(samples, sample => Group(sample, options)))
        {
            if (group.Datums.Count == 0)
                continue;
            if (datums.Count + group.Datums.Count > options.MaxDatumsPerRequest || bytes + group.Bytes > options.MaxRequestBytes)
                Flush();
            foreach (var datum in group.Datums)
                datums.Add(datum);
            carried.Add(sample);
            bytes += group.Bytes;
        }
        Flush();
        return requests;
    }

    /// <summary>
    /// The data of one sample; null (dropped and counted) for a value CloudWatch cannot take
    /// (<see cref="CloudWatchDatums.Takes"/>), and for a histogram that observed something but has no bucket value
    /// CloudWatch can take. A histogram with nothing observed has no data and is not a loss.
    /// </summary>
    private static DatumGroup? Group(MetricSample sample, CloudWatchExporterOptions options)
    {
        List<JsonNode> datums = [.. CloudWatchDatums.From(sample, options).Select(d => d.Datum)];
        if (datums.Count == 0 && (sample.Histogram is null || sample.Histogram.Counts.Any(c => c > 0)))
            return null;
        return new DatumGroup(datums, datums.Sum(d => Encoding.UTF8.GetByteCount(d.ToJsonString()) + 1));
    }

    private static JsonObject Envelope(string ns, JsonArray datums) => new() { ["Namespace"] = ns, ["MetricData"] = datums };
}

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
    public static List<CloudWatchRequest> Pack(IReadOnlyList<MetricSample> samples, CloudWatchExporterOptions options)
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

        foreach (var sample in samples)
        {
            var group = CloudWatchDatums.From(sample, options).Select(d => d.Datum).ToList();
            if (group.Count == 0)
                continue;
            var size = group.Sum(d => Encoding.UTF8.GetByteCount(d.ToJsonString()) + 1);
            if (datums.Count + group.Count > options.MaxDatumsPerRequest || bytes + size > options.MaxRequestBytes)
                Flush();
            foreach (var datum in group)
                datums.Add(datum);
            carried.Add(sample);
            bytes += size;
        }
        Flush();
        return requests;
    }

    private static JsonObject Envelope(string ns, JsonArray datums) => new() { ["Namespace"] = ns, ["MetricData"] = datums };
}

using MeshFed.Federation.Telemetry;
using MeshFed.Model;
using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>The local store keeps every point it can hold, and one it cannot hold does not stop the others.</summary>
public sealed class LocalMetricExporterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddDays(20_000);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"meshfed-local-points-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private static MetricSample Active(string service, double value, int second) => new()
    {
        Name = GoldenSignals.Active, Kind = SampleKind.Sum, Attributes = [new(GoldenSignals.ServiceAttribute, service)],
        Start = T0, End = T0.AddSeconds(second), Value = value,
    };

    [Fact]
    public void APointWithoutANumber_IsDroppedAlone_AndDoesNotHoldBackThePointsBehindIt()
    {
        // Microsoft.Data.Sqlite refuses to bind a NaN ("Cannot store 'NaN' values"): the insert threw, the transaction
        // rolled back the whole batch, and the delivery kept it, so from then on the store took no point (2 pending, 0 stored).
        using var store = new LocalTelemetryStore(_path);
        using var exporter = new LocalMetricExporter(store);

        exporter.Export([Active("orders", double.NaN, 1), Active("orders", 3, 2)]);
        exporter.Export([Active("orders", 4, 3)]);

        Assert.Equal([3.0, 4.0], store.ReadService("orders", T0, T0.AddMinutes(1)).Select(p => p.Value));
        Assert.Equal(new ExportStatus(Sent: 2, Dropped: 1, Retries: 0, Pending: 0), exporter.Status);
    }

    [Fact]
    public void AHistogramWhoseSumIsNaN_IsDroppedAlone()
    {
        // OpenTelemetry adds whatever was recorded to a histogram's sum, a NaN too; the sum has its own column.
        using var store = new LocalTelemetryStore(_path);
        using var exporter = new LocalMetricExporter(store);
        var latency = new MetricSample
        {
            Name = GoldenSignals.Duration, Kind = SampleKind.Histogram, Attributes = [new(GoldenSignals.ServiceAttribute, "orders")],
            Start = T0, End = T0.AddSeconds(1), Histogram = new HistogramSample([0.1], [1, 1], 2, double.NaN, 0.05, double.NaN),
        };

        exporter.Export([latency, Active("orders", 3, 2)]);

        Assert.Equal([GoldenSignals.Active], store.ReadService("orders", T0, T0.AddMinutes(1)).Select(p => p.Name));
        Assert.Equal(new ExportStatus(Sent: 1, Dropped: 1, Retries: 0, Pending: 0), exporter.Status);
    }
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using MeshFed.Federation.Telemetry;
using MeshFed.Tests.Shared.Telemetry;
using Microsoft.Data.Sqlite;

namespace MeshFed.Federation.Tests.Telemetry;

/// <summary>The local store keeps every span it is given, whatever its attributes hold.</summary>
public sealed class LocalSpanExporterTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"meshfed-local-spans-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public void ASpanWithAKeyTwiceAndArrays_IsStored_WithTheLastValueAndTheArraysAsJson()
    {
        // An Activity keeps every AddTag, so one key can come twice; OpenTelemetry's rule is that the last value wins.
        // A span the store could not write would stay at the head of the delivery and hold back every span after it.
        using var store = new LocalTelemetryStore(_path);
        using var exporter = new LocalSpanExporter(store);
        Activity first, second;
        using (var traffic = new SpanTraffic(exporter))
        {
            first = traffic.Span("GET /orders", attributes: [new("retry", "first"), new("retry", "last"), new("peers", new[] { "a", "b" }), new("codes", new[] { 200, 503 })]);
            second = traffic.Span("GET /stock");
            traffic.Flush();
        }

        Assert.Equal(2, store.SpanCount());
        Assert.Equal(0, exporter.Status.Pending);
        var attributes = Attributes(first.SpanId.ToHexString());
        Assert.Equal("last", (string?)attributes["retry"]);
        Assert.Equal("""["a","b"]""", (string?)attributes["peers"]);
        Assert.Equal("[200,503]", (string?)attributes["codes"]);
        Assert.Equal("200", (string?)Attributes(second.SpanId.ToHexString())["http.response.status_code"]);
    }

    private JsonObject Attributes(string spanId)
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT attributes FROM spans WHERE span_id = $id";
        query.Parameters.AddWithValue("$id", spanId);
        return JsonNode.Parse((string)query.ExecuteScalar()!)!.AsObject();
    }
}

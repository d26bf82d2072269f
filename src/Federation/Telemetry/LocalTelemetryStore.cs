using System.Text.Json;
using MeshFed.Model;
using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// The embedded store used when no cloud is configured (and always readable by <c>meshfed signals compare</c>):
/// one SQLite file holding metric points (delta sums, gauges, histograms with their bucket bounds and counts) and
/// spans. The golden-signal attributes get their own columns so reading one service back is an indexed query.
/// Not a time-series database: a demo's and a laptop's worth of data, kept until the file is deleted.
/// </summary>
public sealed class LocalTelemetryStore : IDisposable
{
    /// <summary>Where the store lives when nothing else is said, relative to the working directory.</summary>
    public const string DefaultPath = ".meshfed/telemetry.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
    public LocalTelemetryStore(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        Path = full;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS metric_points (
              name TEXT NOT NULL, kind INTEGER NOT NULL, delta INTEGER NOT NULL,
              start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
              service TEXT, site TEXT, version TEXT, reporter TEXT, direction TEXT, response_class TEXT,
              attributes TEXT NOT NULL, value REAL NOT NULL,
              count INTEGER, sum REAL, bounds TEXT, counts TEXT);
            CREATE INDEX IF NOT EXISTS metric_points_by_service ON metric_points (service, name, end_ms);
            CREATE TABLE IF NOT EXISTS spans (
              trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT, name TEXT NOT NULL, kind INTEGER NOT NULL,
              start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, status INTEGER NOT NULL,
              service TEXT, site TEXT, attributes TEXT NOT NULL, PRIMARY KEY (trace_id, span_id));
            """);
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Appends metric points, as <see cref="PointRow"/> made them, in one transaction.</summary>
    internal void AppendPoints(IEnumerable<object?[]> rows)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO metric_points VALUES ($name, $kind, $delta, $start, $end, $service, $site, $version, $reporter,
                  $direction, $class, $attributes, $value, $count, $sum, $bounds, $counts)
                """;
            var p = Parameters(insert, "$name", "$kind", "$delta", "$start", "$end", "$service", "$site", "$version", "$reporter",
                "$direction", "$class", "$attributes", "$value", "$count", "$sum", "$bounds", "$counts");
            foreach (var row in rows)
            {
                Set(p, row);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>
    /// A point's row; null when it holds a NaN, which Microsoft.Data.Sqlite refuses to bind ("Cannot store 'NaN'
    /// values", an <see cref="InvalidOperationException"/>). The exporter makes each row on its own before the
    /// transaction (<see cref="ItemEncoding"/>): inside it, one such point would roll back the whole batch, which the
    /// delivery keeps, so the store would take no point after it.
    /// </summary>
    internal static object?[]? PointRow(MetricSample s) => double.IsNaN(s.Value) || (s.Histogram is { } h && double.IsNaN(h.Sum)) ? null :
    [
        s.Name, (int)s.Kind, s.Delta ? 1 : 0, s.Start.ToUnixTimeMilliseconds(), s.End.ToUnixTimeMilliseconds(),
        s.Attribute(GoldenSignals.ServiceAttribute), s.Attribute(GoldenSignals.SiteAttribute), s.Attribute(GoldenSignals.VersionAttribute),
        s.Attribute(GoldenSignals.ReporterAttribute), s.Attribute(GoldenSignals.DirectionAttribute), s.Attribute(GoldenSignals.ResponseClassAttribute),
        AttributesJson(s.Attributes, value => value), s.Value,
        s.Histogram?.Count, s.Histogram?.Sum,
        s.Histogram is null ? null : JsonSerializer.Serialize(s.Histogram.Bounds),
        s.Histogram is null ? null : JsonSerializer.Serialize(s.Histogram.Counts),
    ];

    /// <summary>Appends spans, as <see cref="SpanRow"/> made them, in one transaction (a span seen twice is kept once).</summary>
    internal void AppendSpans(IEnumerable<object?[]> rows)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT OR IGNORE INTO spans VALUES ($trace, $span, $parent, $name, $kind, $start, $end, $status, $service, $site, $attributes)";
            var p = Parameters(insert, "$trace", "$span", "$parent", "$name", "$kind", "$start", "$end", "$status", "$service", "$site", "$attributes");
            foreach (var row in rows)
            {
                Set(p, row);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>A span's row, made on its own before the transaction as a point's is.</summary>
    internal static object?[] SpanRow(SpanSample s) =>
    [
        s.TraceId, s.SpanId, s.ParentSpanId, s.Name, (int)s.Kind, s.Start.ToUnixTimeMilliseconds(), s.End.ToUnixTimeMilliseconds(),
        (int)s.Status, s.Attribute(GoldenSignals.ServiceAttribute), s.Attribute(GoldenSignals.SiteAttribute),
        AttributesJson(s.Attributes, AttributeText.Of),
    ];

    /// <summary>
    /// The attributes as one JSON object of text values. A key given twice keeps its last value, as OpenTelemetry's
    /// attribute rules say (an <see cref="System.Diagnostics.Activity"/> keeps every <c>AddTag</c>, so a span can carry
    /// one key twice): a span the store could not write would stay at the head of the delivery, holding back every
    /// span after it.
    /// </summary>
    private static string AttributesJson<T>(IEnumerable<KeyValuePair<string, T>> attributes, Func<T, string> text)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
            last[key] = text(value);
        return JsonSerializer.Serialize(last);
    }

    /// <summary>The golden-signal points of <paramref name="service"/> that ended in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public IReadOnlyList<StoredPoint> ReadService(string service, DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lock)
        {
            using var query = _connection.CreateCommand();
            query.CommandText = """
                SELECT name, start_ms, end_ms, site, version, direction, response_class, value, count, sum, bounds, counts
                FROM metric_points WHERE service = $service AND end_ms >= $from AND end_ms <= $to AND name IN ($r, $d, $a)
                ORDER BY end_ms
                """;
            query.Parameters.AddWithValue("$service", service);
            query.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            query.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            query.Parameters.AddWithValue("$r", GoldenSignals.Requests);
            query.Parameters.AddWithValue("$d", GoldenSignals.Duration);
            query.Parameters.AddWithValue("$a", GoldenSignals.Active);
            using var reader = query.ExecuteReader();
            var points = new List<StoredPoint>();
            while (reader.Read())
            {
                points.Add(new StoredPoint
                {
                    Name = reader.GetString(0),
                    Start = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    End = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    Site = reader.IsDBNull(3) ? "" : reader.GetString(3),
                    Version = reader.IsDBNull(4) ? "" : reader.GetString(4),
                    Direction = reader.IsDBNull(5) ? "" : reader.GetString(5),
                    ResponseClass = reader.IsDBNull(6) ? "" : reader.GetString(6),
                    Value = reader.GetDouble(7),
                    Bounds = reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<double[]>(reader.GetString(10)),
                    Counts = reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<long[]>(reader.GetString(11)),
                });
            }
            return points;
        }
    }

    /// <summary>How many spans are stored, of <paramref name="service"/> when given (tests, <c>signals compare</c>'s footer).</summary>
    public long SpanCount(string? service = null)
    {
        lock (_lock)
        {
            using var query = _connection.CreateCommand();
            query.CommandText = service is null ? "SELECT COUNT(*) FROM spans" : "SELECT COUNT(*) FROM spans WHERE service = $service";
            if (service is not null)
                query.Parameters.AddWithValue("$service", service);
            return (long)query.ExecuteScalar()!;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
            _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static void Set(SqliteParameter[] parameters, object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
    }
}

using System.Diagnostics.Tracing;

namespace MeshFed.Gateway.Benchmarks;

/// <summary>
/// Where a benchmark's bytes go, by type: the runtime's allocation ticks (one event per ~100 KB allocated, naming
/// the type that crossed the mark) counted while a benchmark runs in a loop. A sample, not an exact account, but
/// enough to see which types a request allocates most (<c>alloc-types</c> in bench/README.md).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    /// <summary>Bytes sampled per type name.</summary>
    public IReadOnlyDictionary<string, long> Bytes
    {
        get
        {
            lock (_bytes)
                return new Dictionary<string, long>(_bytes);
        }
    }

    /// <summary>Starts or stops counting.</summary>
    public bool Recording { get => _recording; set => _recording = value; }

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            return;
        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload![t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload![a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    /// <summary>Runs <paramref name="benchmark"/> of <see cref="GatewayRequestBenchmarks"/> <paramref name="count"/> times and prints the top types.</summary>
    public static async Task<int> RunAsync(string benchmark, int count)
    {
        var benchmarks = new GatewayRequestBenchmarks();
        // "idle": what the gateways allocate with no request at all, per millisecond.
        var method = benchmark == "idle" ? null : typeof(GatewayRequestBenchmarks).GetMethod(benchmark) ?? throw new ArgumentException($"no benchmark {benchmark}");
        Task Once() => method is null ? Task.Delay(1) : (Task)method.Invoke(benchmarks, null)!;
        benchmarks.Setup();
        try
        {
            for (var i = 0; i < 2000; i++)
                await Once();
            using var sampler = new AllocationSampler();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            sampler.Recording = true;
            for (var i = 0; i < count; i++)
                await Once();
            sampler.Recording = false;
            var total = GC.GetTotalAllocatedBytes(precise: true) - before;
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            // The gateways allocate a little while idle too (trust polling, timers): measured over a pause and taken
            // off, so a slow run (a busy machine) does not look like more bytes per request.
            var idleStart = GC.GetTotalAllocatedBytes(precise: true);
            var idleStarted = System.Diagnostics.Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idlePerSecond = (GC.GetTotalAllocatedBytes(precise: true) - idleStart) / System.Diagnostics.Stopwatch.GetElapsedTime(idleStarted).TotalSeconds;
            var net = (total - idlePerSecond * elapsed.TotalSeconds) / count;
            Console.WriteLine($"{benchmark}: {total / count} B per request ({net:0} B without the idle {idlePerSecond / 1024:0.0} KB/s), {elapsed.TotalMicroseconds / count:0} µs per request (one at a time, wall time) over {count} requests; sampled types (share of the samples):");
            var bytes = sampler.Bytes;
            var sampled = Math.Max(1, bytes.Values.Sum());
            foreach (var (type, amount) in bytes.OrderByDescending(p => p.Value).Take(40))
                Console.WriteLine($"  {100.0 * amount / sampled,5:0.0} %  ~{(double)amount / sampled * total / count,7:0} B  {type}");
            return 0;
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}

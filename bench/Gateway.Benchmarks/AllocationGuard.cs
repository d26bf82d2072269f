using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MeshFed.Gateway.Benchmarks;

/// <summary>
/// The regression guard CI runs: <see cref="GatewayRequestBenchmarks"/> in a short in-process job, and a failure
/// when any benchmark allocates more than twice its checked-in baseline per request. Allocations, not time: on a
/// shared machine time swings by tens of per cent between runs, while bytes per request move only when the code does.
/// </summary>
public static class AllocationGuard
{
    /// <summary>How far above its baseline a benchmark may allocate before the guard fails.</summary>
    public const double Tolerance = 2.0;

    /// <summary>Runs the benchmarks and compares (or, with <paramref name="update"/>, rewrites) the baseline; the process exit code.</summary>
    public static int Run(string baselinePath, bool update)
    {
        // In-process (no generated project to build), a few iterations of a fixed size, no pilot: about 20 s on 2 cores.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(4)
            .WithInvocationCount(300)
            .WithUnrollFactor(1)
            .WithId("guard");
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<GatewayRequestBenchmarks>(config);

        var measured = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var report in summary.Reports)
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            if (!report.Success || report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is not { } bytes)
            {
                Console.Error.WriteLine($"alloc-guard: {name} did not run to the end; see the log above.");
                return 1;
            }
            measured[name] = bytes;
        }
        if (measured.Count == 0)
        {
            Console.Error.WriteLine("alloc-guard: no benchmark ran.");
            return 1;
        }
        if (update)
        {
            var json = new JsonObject { ["bytesAllocatedPerRequest"] = new JsonObject(measured.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))) };
            File.WriteAllText(baselinePath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"alloc-guard: baseline written to {baselinePath}.");
            return 0;
        }
        return Compare(measured, Read(baselinePath));
    }

    private static Dictionary<string, long> Read(string baselinePath)
    {
        var root = JsonNode.Parse(File.ReadAllText(baselinePath))!["bytesAllocatedPerRequest"]!.AsObject();
        return root.ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
    }

    private static int Compare(IReadOnlyDictionary<string, long> measured, IReadOnlyDictionary<string, long> baseline)
    {
        int passed = 0, failed = 0;
        foreach (var (name, bytes) in measured)
        {
            if (!baseline.TryGetValue(name, out var allowed))
            {
                Console.WriteLine($"alloc-guard: FAIL {name}: {bytes} B per request, and no baseline (run alloc-guard.sh --update and check the file in)");
                failed++;
                continue;
            }
            var ratio = (double)bytes / allowed;
            var verdict = ratio > Tolerance ? "FAIL" : "ok";
            if (ratio > Tolerance)
                failed++;
            else
                passed++;
            Console.WriteLine($"alloc-guard: {verdict} {name}: {bytes} B per request, baseline {allowed} B ({ratio:0.00}×, limit {Tolerance:0.#}×)");
        }
        foreach (var name in baseline.Keys.Where(n => !measured.ContainsKey(n)))
        {
            Console.WriteLine($"alloc-guard: FAIL {name}: in the baseline but not measured");
            failed++;
        }
        Console.WriteLine($"alloc-guard: {passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}

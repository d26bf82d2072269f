using System.Diagnostics;
using MeshFed.Federation.Cli;

namespace MeshFed.Model.Benchmarks;

/// <summary>
/// <c>warm &lt;runs&gt; &lt;meshfed arguments...&gt;</c>: one <c>meshfed</c> command run several times in this process,
/// each run's wall time beside its CPU time (user + system of the whole process, so the collector's and the
/// JIT's threads count) and the collections it caused. The first run pays start-up and the JIT; the others are
/// warm, the figure issue #13's "≤ 2 s warm" is about. BenchmarkDotNet (<see cref="ControlSideBenchmarks"/>)
/// reports wall time only, which on a shared machine says more about the neighbours than about meshfed.
/// </summary>
internal static class WarmRuns
{
    /// <summary>Runs <paramref name="command"/> <paramref name="runs"/> times, printing one line per run to stderr.</summary>
    public static int Run(int runs, string[] command)
    {
        using var process = Process.GetCurrentProcess();
        for (var run = 1; run <= runs; run++)
        {
            // Each run starts from a collected heap, as a fresh process would, without paying for the last run's garbage.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var paused = GC.GetTotalPauseDuration();
            var allocated = GC.GetTotalAllocatedBytes();
            var wall = Stopwatch.StartNew();
            var code = MeshfedCli.Run(command, new CliOutput(TextWriter.Null, TextWriter.Null));
            wall.Stop();
            process.Refresh();
            Console.Error.WriteLine(
                $"run {run}: exit {code}, {wall.Elapsed.TotalSeconds:F2} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:F2} s CPU, " +
                $"collections gen0/1/2 {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} " +
                $"(paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s), allocated {(GC.GetTotalAllocatedBytes() - allocated) / (1024 * 1024)} MB, " +
                $"peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MB, load {LoadAverage()}");
            if (code != ExitCodes.Success)
                return code;
        }
        return 0;
    }

    // Others load this machine: each line says how much (the first figure of /proc/loadavg), where Linux tells.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

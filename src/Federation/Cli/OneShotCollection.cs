using System.Runtime;

namespace MeshFed.Federation.Cli;

/// <summary>
/// The collector's mode for a command that runs once and exits (<c>validate</c>, <c>analyze</c>, <c>render</c>,
/// <c>plan</c>, <c>apply</c>): <see cref="GCLatencyMode.Batch"/>, "designed for maximum throughput at the expense of
/// responsiveness", without background collections
/// (https://learn.microsoft.com/dotnet/standard/garbage-collection/latency). Nobody waits on such a command in the
/// middle, only for its end; at 10,000 services render keeps most of what it allocates to the end, and the concurrent
/// collector's background work was a cost without a reader (bench/README.md, "Fourth pass"). Not for
/// <c>gateway</c> or <c>up</c>: they serve requests, whose latency the default (interactive, concurrent) mode protects.
/// </summary>
internal static class OneShotCollection
{
    // The mode is the process's. Commands may overlap (tests run several in one process), so the first to start
    // sets batch mode and the last to end puts the previous mode back.
    private static readonly Lock s_gate = new();
    private static int s_running;
    private static GCLatencyMode s_previous;

    /// <summary>Runs <paramref name="command"/> in batch mode.</summary>
    public static T Run<T>(Func<T> command)
    {
        Enter();
        try
        {
            return command();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs <paramref name="command"/> in batch mode until its task ends.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> command)
    {
        Enter();
        try
        {
            return await command();
        }
        finally
        {
            Exit();
        }
    }

    private static void Enter()
    {
        lock (s_gate)
        {
            if (s_running++ == 0)
            {
                s_previous = GCSettings.LatencyMode;
                GCSettings.LatencyMode = GCLatencyMode.Batch;
            }
        }
    }

    private static void Exit()
    {
        lock (s_gate)
        {
            if (--s_running == 0)
                GCSettings.LatencyMode = s_previous;
        }
    }
}

using System.CommandLine;

namespace MeshFed.Federation.Cli;

/// <summary>The action of a command that Ctrl+C or SIGTERM must be able to stop at any point.</summary>
internal static class CancellableAction
{
    /// <summary>
    /// <paramref name="run"/>, started on the thread pool. System.CommandLine installs its Ctrl+C/SIGTERM handler only
    /// once the action has returned its task, so work an action does before its first await that yields (loading a
    /// manifest, rendering, starting hosts) would run without it, and a signal then would be lost.
    /// </summary>
    public static Func<ParseResult, CancellationToken, Task<int>> Of(Func<ParseResult, CancellationToken, Task<int>> run) =>
        (parse, cancellationToken) => Task.Run(() => run(parse, cancellationToken), CancellationToken.None);
}

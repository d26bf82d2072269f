using System.Diagnostics;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The real <c>meshfed</c> process (the test output's <c>meshfed.dll</c>), for what only a process shows: a signal from
/// outside, the environment it starts in. Standard output and error are redirected; the caller kills it if it is still
/// running when the test ends. Everything else runs in-process (<see cref="CliRunner"/>).
/// </summary>
internal static class MeshfedProcess
{
    public static Process Start(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "meshfed.dll"), .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return Process.Start(start)!;
    }
}

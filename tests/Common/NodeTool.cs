using System.Diagnostics;

namespace MeshFed.Tests.Shared;

/// <summary>
/// Runs one of the conformance scripts under tests/conformance/ with Node.js, where the vendors' own npm
/// packages live (installed by ./test.sh and .ci/run), and returns its exit code and output.
/// </summary>
public static class NodeTool
{
    /// <summary>Runs <c>node tests/conformance/{tool}/{script} args...</c>, feeding <paramref name="stdin"/> when given.</summary>
    /// <param name="tool">The folder under tests/conformance (<c>istio</c>, <c>aws</c>).</param>
    /// <param name="package">A package the script needs, e.g. <c>@aws-sdk/client-app-mesh</c>: missing means "not installed".</param>
    /// <param name="script">The script's file name.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="stdin">Text for its standard input, or null.</param>
    /// <param name="environment">Environment variables to set for it (e.g. a library's configuration), or null.</param>
    public static (int Exit, string Stdout, string Stderr) Run(string tool, string package, string script, IEnumerable<string> args, string? stdin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = RepoPaths.Of($"tests/conformance/{tool}");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", package)),
            $"{package} is not installed: run 'npm ci --prefix tests/conformance/{tool}' (./test.sh does)");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, script), .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (stdin is not null)
            process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"{script} hung");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

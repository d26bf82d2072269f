using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MeshFed.Tests.Shared;

/// <summary>
/// Runs a conformance tool's scripts in one long-lived Node process per tool folder (its <c>serve.mjs</c>) instead of
/// a process per run, for scripts whose start costs more than their work: the Terraform checks load HashiCorp's
/// HCL parser (Go compiled to WebAssembly) and parse a module's files, about a second of CPU each, a hundred times
/// per test run; the signature tests load the official SigV4 signer for every signature they compare. Each answer
/// is what <see cref="NodeTool.Run"/> would have returned for the same script, arguments and standard input.
/// </summary>
public sealed class NodeToolServer
{
    private static readonly ConcurrentDictionary<string, NodeToolServer> s_servers = new();
    private static readonly TimeSpan s_hung = TimeSpan.FromMinutes(2);
    private readonly string _folder;
    private readonly Lock _gate = new();
    private Process? _process;
    private StringBuilder _log = new();

    private NodeToolServer(string folder) => _folder = folder;

    /// <summary>Runs <c>node tests/conformance/{tool}/{script} args...</c> through the tool's server.</summary>
    /// <param name="tool">The folder under tests/conformance that has a <c>serve.mjs</c> (<c>terraform</c>, <c>aws</c>, <c>lattice</c>, <c>telemetry</c>).</param>
    /// <param name="package">A package the scripts need: missing means "not installed".</param>
    /// <param name="script">The script's file name, one serve.mjs serves.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="stdin">Text for its standard input, or null.</param>
    public static (int Exit, string Stdout, string Stderr) Run(string tool, string package, string script, IEnumerable<string> args, string? stdin = null)
    {
        var folder = RepoPaths.Of($"tests/conformance/{tool}");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", package)),
            $"{package} is not installed: run 'npm ci --prefix tests/conformance/{tool}' (./test.sh does)");
        return s_servers.GetOrAdd(folder, f => new NodeToolServer(f)).Send(script, args, stdin);
    }

    // One request at a time per server: serve.mjs answers in order, one line each.
    private (int Exit, string Stdout, string Stderr) Send(string script, IEnumerable<string> args, string? stdin)
    {
        lock (_gate)
        {
            var process = _process is { HasExited: false } running ? running : _process = Start();
            process.StandardInput.WriteLine(JsonSerializer.Serialize(new { script, args, stdin }));
            process.StandardInput.Flush();
            var reading = process.StandardOutput.ReadLineAsync();
            if (!reading.Wait(s_hung) || reading.Result is not { } line)
            {
                var finished = reading.IsCompleted;
                process.Kill();
                _process = null;
                Assert.Fail(finished ? $"serve.mjs ended while running {script}: {_log}" : $"{script} hung");
            }
            var answer = JsonDocument.Parse(reading.Result!).RootElement;
            return (answer.GetProperty("exit").GetInt32(), answer.GetProperty("stdout").GetString()!, answer.GetProperty("stderr").GetString()!);
        }
    }

    // The server ends by itself when its stdin closes, which the test host's exit does.
    private Process Start()
    {
        var log = _log = new StringBuilder();
        var process = Process.Start(new ProcessStartInfo("node", [Path.Combine(_folder, "serve.mjs")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
                log.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();
        return process;
    }
}

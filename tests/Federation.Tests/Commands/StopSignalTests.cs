using System.Diagnostics;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>
/// A stop request from outside, end to end: the real <c>meshfed</c> process, a real signal. SIGTERM, not SIGINT:
/// both take the same path through System.CommandLine (the command's cancellation token, then
/// <see cref="MeshfedCli.StopGrace"/>), and a shell starts background jobs with SIGINT ignored, which the process
/// would inherit from however the tests were started.
/// </summary>
public sealed class StopSignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-stop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Up_Sigterm_DrainsStopsAndExitsZero()
    {
        using var process = MeshfedProcess.Start(_dir, ["up", RepoPaths.Of("examples/demo"), "--load", "5", "--store", Path.Combine(_dir, "telemetry.db")]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(deadline.Token)) is not null && !line.Contains("Ctrl+C stops"))
            {
            }
            if (line is null)
                Assert.Fail("up ended before its banner: " + await stderr);
            // At once: the signal handler must be in place while up starts, not only once it first waits.

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()]))
                await kill.WaitForExitAsync(deadline.Token);
            var rest = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);

            Assert.True(process.ExitCode == ExitCodes.Success, $"exit {process.ExitCode}: {await stderr}");
            Assert.Contains("Stopping: gateways drain, workloads stop.", rest);
            Assert.EndsWith("Stopped.\n", rest);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}

using System.Diagnostics;
using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>
/// An operator's <c>ASPNETCORE_ENVIRONMENT=Development</c> (or <c>DOTNET_ENVIRONMENT</c>) is not the gateway's: its
/// listeners run as in production, whatever the environment says. In Development ASP.NET Core would check every
/// registered service when the listener is built and answer a failing request with the developer exception page
/// (the exception and its stack, to whoever called). The real <c>meshfed</c> process, so the variables reach the host
/// as they would in a container.
/// </summary>
public sealed class DevelopmentEnvironmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-devenv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Up_WithTheEnvironmentSetToDevelopment_ServesAsInProduction()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "meshfed.dll"), "up", RepoPaths.Of("examples/demo"),
            "--duration", "5s", "--load", "5", "--store", Path.Combine(_dir, "telemetry.db")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" },
        };
        using var process = Process.Start(start)!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            var stdout = await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);

            Assert.True(process.ExitCode == ExitCodes.Success, $"exit {process.ExitCode}: {await stderr}\n{stdout}");
            Assert.Contains(" 0 without an answer", stdout);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }
}

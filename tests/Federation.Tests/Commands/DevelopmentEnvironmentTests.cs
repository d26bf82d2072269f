using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>
/// An operator's <c>ASPNETCORE_ENVIRONMENT=Development</c> (or <c>DOTNET_ENVIRONMENT</c>) is not the gateway's: its
/// listeners run as Production whatever the environment says (<c>GatewayHost</c>). In Development ASP.NET Core checks
/// every registered service when a listener is built, which failed the start once the authorization services were
/// taken out; that is what this proves. (It would also answer a failing request with the developer exception page;
/// no request from outside makes the gateway throw, so that half is not observed here.) The real <c>meshfed</c>
/// process, so the variables reach the host as they would in a container.
/// </summary>
public sealed class DevelopmentEnvironmentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-devenv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Up_WithTheEnvironmentSetToDevelopment_StartsAndServes()
    {
        using var process = MeshfedProcess.Start(_dir, ["up", RepoPaths.Of("examples/demo"), "--duration", "5s", "--load", "5", "--store", Path.Combine(_dir, "telemetry.db")],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DOTNET_ENVIRONMENT"] = "Development" });
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

using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Gateway.Config;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>The <c>up</c> command line read into one <see cref="UpRequest"/>, and the time a stop is given, without starting anything.</summary>
public sealed class UpCommandParseTests
{
    private readonly StringWriter _error = new();

    [Fact]
    public void Read_EveryOption_LandsInTheRequest()
    {
        var command = new UpCommand(new CliOutput(TextWriter.Null, _error));

        var request = command.Read(command.Parse(["mesh.yaml", "--load", "7.5", "--duration", "30s", "--store", "s.db"]), new CliOutput(TextWriter.Null, _error));

        Assert.Equal(new UpRequest { Path = "mesh.yaml", Load = 7.5, Duration = TimeSpan.FromSeconds(30), Store = "s.db" }, request);
    }

    [Fact]
    public void Read_Defaults_AreTheRequestsDefaults()
    {
        var command = new UpCommand(new CliOutput(TextWriter.Null, _error));

        Assert.Equal(new UpRequest(), command.Read(command.Parse([]), new CliOutput(TextWriter.Null, _error)));
    }

    [Theory]
    [InlineData("--duration", "soon", "meshfed: --duration 'soon' is not a duration like 30s or 5m")]
    [InlineData("--load", "-1", "meshfed: --load must be 0 or more requests per second")]
    public void Read_AValueThatCannotBeUsed_IsRefusedWithTheOptionsName(string option, string value, string message)
    {
        var command = new UpCommand(new CliOutput(TextWriter.Null, _error));

        Assert.Null(command.Read(command.Parse([option, value]), new CliOutput(TextWriter.Null, _error)));
        Assert.Equal(message + "\n", _error.ToString());
    }

    [Fact]
    public void StopGrace_OutlastsTheGatewaysDrain()
    {
        // Ctrl+C or SIGTERM: System.CommandLine waits this long for the command before it ends the process.
        Assert.Equal(MeshfedCli.StopGrace, MeshfedCli.Invocation(CliOutput.Console).ProcessTerminationTimeout);
        Assert.True(MeshfedCli.StopGrace > new GatewaySettings { Site = "s" }.DrainTimeout);
    }
}

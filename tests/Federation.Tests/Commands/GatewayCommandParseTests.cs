using System.Net;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Gateway.Config;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>The <c>gateway</c> command line read into one <see cref="GatewayRequest"/>, without starting a gateway.</summary>
public sealed class GatewayCommandParseTests
{
    private readonly StringWriter _error = new();

    [Fact]
    public void Read_EveryOption_LandsInTheRequest()
    {
        var command = new GatewayCommand(new CliOutput(TextWriter.Null, _error));

        var request = command.Read(command.Parse(["mesh.yaml", "--site", "aws-use1", "--trust-dir", "trust", "--peer-listen", "127.0.0.1:15443",
            "--local-listen", "127.0.0.1:15180", "--admin-listen", "127.0.0.1:15090", "--serve-local", "--log-format", "json",
            "--telemetry-endpoint", "xray-daemon=127.0.0.1:2000", "--export-interval", "10s", "--trust-xfcc-from", "127.0.0.6/32",
            "--trust-local-trace-sampling", "--local-max-connections", "7", "--peer-max-connections", "9"]), new CliOutput(TextWriter.Null, _error));

        Assert.NotNull(request);
        Assert.Equal(("mesh.yaml", "aws-use1", "trust"), (request.Path, request.Site, request.TrustDir));
        Assert.Equal(("127.0.0.1:15443", "127.0.0.1:15180", "127.0.0.1:15090"), (request.PeerListen, request.LocalListen, request.AdminListen));
        Assert.True(request.ServeLocal);
        Assert.Equal("json", request.LogFormat);
        Assert.Equal(TimeSpan.FromSeconds(10), request.Telemetry.ExportInterval);
        Assert.Equal(IPEndPoint.Parse("127.0.0.1:2000"), request.Telemetry.XRayDaemon);
        Assert.Equal([IPNetwork.Parse("127.0.0.6/32")], request.TrustXfccFrom);
        Assert.True(request.TrustLocalTraceSampling);
        Assert.Equal(new ListenerLimits { LocalMaxConnections = 7, PeerMaxConnections = 9 }, request.Limits);
        Assert.Empty(_error.ToString());
    }

    [Fact]
    public void Read_Defaults_AreTheRequestsDefaults()
    {
        var command = new GatewayCommand(new CliOutput(TextWriter.Null, _error));

        var request = command.Read(command.Parse(["mesh.yaml", "--site", "aws-use1", "--trust-dir", "trust"]), new CliOutput(TextWriter.Null, _error));

        var defaults = new GatewayRequest { Path = "mesh.yaml", Site = "aws-use1", TrustDir = "trust" };
        Assert.NotNull(request);
        Assert.Equal((defaults.PeerListen, defaults.LocalListen, defaults.AdminListen, defaults.LogFormat, defaults.ServeLocal),
            (request.PeerListen, request.LocalListen, request.AdminListen, request.LogFormat, request.ServeLocal));
        Assert.Equal(defaults.Limits, request.Limits);
        Assert.Null(request.TrustXfccFrom);
        Assert.Equal(TimeSpan.FromSeconds(60), request.Telemetry.ExportInterval);
    }

    [Theory]
    [InlineData("--export-interval", "1s", "meshfed: --export-interval '1s'")]
    [InlineData("--trust-xfcc-from", "nowhere", "meshfed: --trust-xfcc-from:")]
    [InlineData("--peer-max-connections", "0", "are at least 1")]
    public void Read_AValueThatCannotBeUsed_IsRefusedWithTheOptionsName(string option, string value, string message)
    {
        var command = new GatewayCommand(new CliOutput(TextWriter.Null, _error));

        var request = command.Read(command.Parse(["mesh.yaml", "--site", "s", "--trust-dir", "t", option, value]), new CliOutput(TextWriter.Null, _error));

        Assert.Null(request);
        Assert.Contains(message, _error.ToString());
    }
}

using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Trust;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>Each <c>trust</c> subcommand's command line read into its request record, without touching a trust folder.</summary>
public sealed class TrustCommandParseTests
{
    private static readonly CliOutput s_quiet = new(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void Init_ReadsPathAndDir()
    {
        var command = new TrustInitCommand(s_quiet);

        Assert.Equal(new TrustInitRequest { Path = "mesh.yaml", Dir = "d" }, command.Read(command.Parse(["mesh.yaml", "--dir", "d"])));
        Assert.Equal(new TrustInitRequest { Path = "mesh.yaml" }, command.Read(command.Parse(["mesh.yaml"])));
        Assert.Equal(TrustCommand.DefaultFolder, new TrustInitRequest { Path = "mesh.yaml" }.Dir);
    }

    [Fact]
    public void Issue_ReadsEveryOption_AndDefaultsToTheIssuersLifetime()
    {
        var command = new TrustIssueCommand(s_quiet);

        Assert.Equal(new TrustIssueRequest { Path = "m", Dir = "d", Site = "s", Ttl = "2h" }, command.Read(command.Parse(["m", "--dir", "d", "--site", "s", "--ttl", "2h"])));
        var defaults = command.Read(command.Parse(["m"]));
        Assert.Equal(new TrustIssueRequest { Path = "m" }, defaults);
        Assert.True(SvidLifetimePolicy.TryParse(defaults.Ttl, out var ttl, out _, out _));
        Assert.Equal(TrustIssuer.DefaultSvidLifetime, ttl);
    }

    [Fact]
    public void Renew_ReadsEveryOption()
    {
        var command = new TrustRenewCommand(s_quiet);

        Assert.Equal(new TrustRenewRequest { Path = "m", Dir = "d", Site = "s", Revoke = true }, command.Read(command.Parse(["m", "--dir", "d", "--site", "s", "--revoke"])));
        Assert.Equal(new TrustRenewRequest { Path = "m" }, command.Read(command.Parse(["m"])));
    }

    [Fact]
    public void Export_ReadsEveryOption_AndAcceptsOnlyTheExportFormats()
    {
        var command = new TrustExportCommand(s_quiet);

        Assert.Equal(new TrustExportRequest { Path = "m", Dir = "d", Site = "s", Format = "istio-cacerts", BundlePath = "/b.pem" },
            command.Read(command.Parse(["m", "--dir", "d", "--site", "s", "--format", "istio-cacerts", "--bundle-path", "/b.pem"])));
        Assert.Equal(new TrustExportRequest { Path = "m" }, command.Read(command.Parse(["m"])));
        Assert.NotEmpty(command.Parse(["m", "--format", "der"]).Errors);
    }
}

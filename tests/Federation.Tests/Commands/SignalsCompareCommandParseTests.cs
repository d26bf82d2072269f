using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Signals.Sources;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>The <c>signals compare</c> surface without reading: one <see cref="SignalsRequest"/>, sources by the names in <see cref="SignalSources"/>.</summary>
public sealed class SignalsCompareCommandParseTests
{
    [Fact]
    public void Read_EveryOption_LandsInTheRequest()
    {
        var command = new SignalsCompareCommand(new CliOutput(TextWriter.Null, TextWriter.Null));

        var parse = command.Parse(["checkout", "--manifest", "mesh.yaml", "--window", "1h", "--source", "cloudwatch", "--store", "s.db",
            "--html", "c.html", "--direction", "inbound", "--endpoint-url", "http://127.0.0.1:1/"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(new SignalsRequest
        {
            Service = "checkout", Manifest = "mesh.yaml", Window = "1h", Source = "cloudwatch", Store = "s.db", Html = "c.html", Direction = "inbound",
            Endpoint = "http://127.0.0.1:1/",
        }, command.Read(parse));
    }

    [Fact]
    public void Read_Defaults_AreTheRequestsDefaults()
    {
        var command = new SignalsCompareCommand(new CliOutput(TextWriter.Null, TextWriter.Null));

        Assert.Equal(new SignalsRequest { Service = "checkout" }, command.Read(command.Parse(["checkout"])));
        Assert.Equal("local", SignalSources.Default.Name);
    }

    [Fact]
    public void Registry_NamesAreUniqueAndEachIsFound()
    {
        Assert.Equal(SignalSources.Names.Count, SignalSources.Names.Distinct().Count());
        Assert.All(SignalSources.All, s => Assert.Same(s, SignalSources.Find(s.Name)));
        Assert.Null(SignalSources.Find("datadog"));
    }

    [Fact]
    public void Help_DescribesEverySource()
    {
        var (code, stdout, _) = CliRunner.Run("signals", "compare", "--help");

        Assert.Equal(ExitCodes.Success, code);
        var help = string.Join(' ', stdout.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)); // help wraps lines
        Assert.All(SignalSources.All, s => Assert.Contains($"{s.Name} ({s.Description})", help));
    }

    [Fact]
    public void UnknownSource_IsAUsageErrorNamingEverySource()
    {
        var (code, _, stderr) = CliRunner.Run("signals", "compare", "checkout", "--source", "datadog");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.All(SignalSources.Names, name => Assert.Contains($"'{name}'", stderr));
    }

    [Fact]
    public async Task UnknownSource_InARequest_IsAUsageErrorNamingEverySource()
    {
        var error = new StringWriter();

        var code = await SignalsCompareCommand.RunAsync(new SignalsRequest { Service = "checkout", Source = "datadog" }, new CliOutput(TextWriter.Null, error));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"meshfed: --source 'datadog' is not a signal source; sources: {string.Join(", ", SignalSources.Names)}\n", error.ToString());
    }
}

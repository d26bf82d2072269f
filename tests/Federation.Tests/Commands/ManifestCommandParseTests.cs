using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;

namespace MeshFed.Federation.Tests.Commands;

/// <summary><c>validate</c> and <c>analyze</c> command lines read into their request records.</summary>
public sealed class ManifestCommandParseTests
{
    private static readonly CliOutput s_quiet = new(TextWriter.Null, TextWriter.Null);

    [Fact]
    public void Validate_ReadsPathAndFormat()
    {
        var command = new ValidateCommand(s_quiet);

        Assert.Equal(new ValidateRequest { Path = "m", Format = OutputFormat.Json }, command.Read(command.Parse(["m", "-o", "json"])));
        Assert.Equal(new ValidateRequest { Path = "m" }, command.Read(command.Parse(["m"])));
    }

    [Fact]
    public void Analyze_ReadsEveryOption()
    {
        var command = new AnalyzeCommand(s_quiet);

        Assert.Equal(new AnalyzeRequest { Path = "m", Site = "s", Format = "wide" }, command.Read(command.Parse(["m", "--site", "s", "--output", "wide"])));
        Assert.Equal(new AnalyzeRequest { Path = "m" }, command.Read(command.Parse(["m"])));
    }
}

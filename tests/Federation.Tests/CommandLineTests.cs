using MeshFed.Federation.Cli;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>The CLI surface: usage errors exit 2, help shows examples, schema prints the committed file.</summary>
public class CommandLineTests
{
    [Theory]
    [InlineData("bogus")]
    [InlineData("validate")]
    [InlineData("validate", "a", "b")]
    [InlineData("validate", "examples/shop", "--output", "xml")]
    [InlineData("validate", "examples/shop", "--no-such-option")]
    public void UsageErrors_ExitTwoWithAHint(params string[] args)
    {
        var (code, _, stderr) = CliRunner.Run(args);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("meshfed --help", stderr);
    }

    [Fact]
    public void NoArguments_ShowsHelpAndExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run();

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("validate", stderr);
    }

    [Fact]
    public void Help_ShowsExamplesAndExitCodes()
    {
        var (code, stdout, _) = CliRunner.Run("--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("meshfed validate examples/shop", stdout);
        Assert.Contains("Exit codes: 0 ok, 1 invalid input", stdout);
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        var (code, stdout, _) = CliRunner.Run("--version");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout.Trim());
    }

    [Fact]
    public void Schema_PrintsTheCommittedSchema()
    {
        var (code, stdout, _) = CliRunner.Run("schema");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(File.ReadAllText(RepoPaths.Of("schemas/meshfed.schema.json")), stdout);
    }
}

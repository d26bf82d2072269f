using MeshFed.Adapters.Gcp.Istio;
using MeshFed.Federation.Cli;
using MeshFed.Federation.Commands;
using MeshFed.Federation.Rendering.Targets;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Commands;

/// <summary>
/// The <c>render</c> surface without rendering: the command line read into one <see cref="RenderRequest"/>, and
/// the targets offered, described and refused by the names in <see cref="RenderTargets"/>.
/// </summary>
public sealed class RenderCommandParseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-render-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_EveryOption_LandsInTheRequest()
    {
        var command = new RenderCommand(new CliOutput(TextWriter.Null, TextWriter.Null));

        var parse = command.Parse(["mesh.yaml", "--target", "appmesh", "--site", "aws-use1", "--profile", "cloud-service-mesh", "--out", "-", "--force"]);

        Assert.Empty(parse.Errors);
        Assert.Equal(new RenderRequest
        {
            Path = "mesh.yaml", Target = "appmesh", Site = "aws-use1", Profile = IstioProfile.CloudServiceMesh, Out = "-", Force = true,
        }, command.Read(parse));
        Assert.True(command.Read(parse).Streams);
    }

    [Fact]
    public void Read_Defaults_AreTheFirstTargetEverySiteAndEachSitesProfile()
    {
        var command = new RenderCommand(new CliOutput(TextWriter.Null, TextWriter.Null));

        var request = command.Read(command.Parse(["mesh.yaml", "--out", "out"]));

        Assert.Equal(new RenderRequest { Path = "mesh.yaml", Target = RenderTargets.Default.Name, Out = "out" }, request);
        Assert.Equal("istio", request.Target);
        Assert.False(request.Streams);
    }

    [Fact]
    public void Registry_NamesAreUniqueAndEachIsFound()
    {
        Assert.Equal(RenderTargets.Names.Count, RenderTargets.Names.Distinct().Count());
        Assert.All(RenderTargets.All, t => Assert.Same(t, RenderTargets.Find(t.Name)));
        Assert.Null(RenderTargets.Find("bogus"));
    }

    [Fact]
    public void Help_DescribesEveryRegisteredTarget()
    {
        var (code, stdout, _) = CliRunner.Run("render", "--help");

        Assert.Equal(ExitCodes.Success, code);
        var help = string.Join(' ', stdout.Split(default(char[]), StringSplitOptions.RemoveEmptyEntries)); // help wraps lines
        Assert.All(RenderTargets.All, t =>
        {
            Assert.Contains($"{t.Name} ({t.Description})", help);
            Assert.Contains($"{t.Name}: {t.StreamDescription}", help);
        });
    }

    [Fact]
    public void UnknownTarget_IsAUsageErrorNamingEveryTarget()
    {
        var (code, _, stderr) = CliRunner.Run("render", RepoPaths.Of("examples/shop"), "--target", "linkerd", "--out", _dir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("linkerd", stderr);
        Assert.All(RenderTargets.Names, name => Assert.Contains($"'{name}'", stderr));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public void UnknownTarget_InARequest_IsAUsageErrorNamingEveryTarget()
    {
        var error = new StringWriter();

        var code = RenderCommand.Run(new RenderRequest { Path = RepoPaths.Of("examples/shop"), Target = "linkerd", Out = _dir }, new CliOutput(TextWriter.Null, error));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal($"meshfed: --target 'linkerd' is not a render target; targets: {string.Join(", ", RenderTargets.Names)}\n", error.ToString());
    }

    [Theory]
    [InlineData("istio")]
    [InlineData("appmesh")]
    [InlineData("terraform")]
    public void Cancelled_BeforeTheFirstSite_WritesNothingAndExits130(string target)
    {
        var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var code = RenderCommand.Run(new RenderRequest { Path = RepoPaths.Of("examples/shop"), Target = target, Out = _dir },
            new CliOutput(TextWriter.Null, error), cancelled.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("render stopped (Ctrl+C)", error.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }
}

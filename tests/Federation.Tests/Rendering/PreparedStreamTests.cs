using MeshFed.Federation.Cli;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Rendering.Targets;
using MeshFed.Model;
using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests.Rendering;

/// <summary>
/// <c>--out -</c> makes the target's stream while the analysis runs (<see cref="PreparedStream"/>): nothing may reach
/// the real output before <see cref="PreparedStream.WriteTo"/>, a failure must surface as itself, and a stream that
/// will not be written must be told to stop.
/// </summary>
public sealed class PreparedStreamTests
{
    private static RenderJob Job(CliOutput output, CancellationToken cancellationToken = default)
    {
        var loaded = ManifestLoader.Load(RepoPaths.Of("examples/shop"));
        var mesh = loaded.Mesh!;
        return new RenderJob
        {
            Renderings = new SiteRenderings(mesh, null), Sources = loaded.Sources, Sites = [mesh.Sites[0]], OutFolder = "-",
            Output = output, CancellationToken = cancellationToken,
        };
    }

    [Fact]
    public void NothingReachesTheOutput_UntilWritten_ThenTheDocumentsAndThenTheTargetsStderr()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var made = new ManualResetEventSlim();
        var target = new FakeTarget(job =>
        {
            job.Output.Out.Write("---\nkind: A\n");
            job.Output.Error.WriteLine("summary");
            made.Set();
            return ExitCodes.Success;
        });
        using var prepared = PreparedStream.Start(target, Job(new CliOutput(stdout, stderr)));
        Assert.True(made.Wait(TimeSpan.FromSeconds(10)));
        Assert.Empty(stdout.ToString());
        Assert.Empty(stderr.ToString());
        stderr.WriteLine("the analysis' findings");

        Assert.Equal(ExitCodes.Success, prepared.WriteTo(new CliOutput(stdout, stderr)));
        Assert.Equal("---\nkind: A\n", stdout.ToString());
        Assert.Equal($"the analysis' findings{Environment.NewLine}summary{Environment.NewLine}", stderr.ToString());
    }

    [Fact]
    public void AFailureWhileMakingIt_IsThrownAsItself_WhenWritten()
    {
        var target = new FakeTarget(_ => throw new InvalidDataException("the translation failed"));
        using var prepared = PreparedStream.Start(target, Job(new CliOutput(TextWriter.Null, TextWriter.Null)));
        var stdout = new StringWriter();

        var thrown = Assert.Throws<InvalidDataException>(() => prepared.WriteTo(new CliOutput(stdout, TextWriter.Null)));
        Assert.Equal("the translation failed", thrown.Message);
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task AStreamThatWillNotBeWritten_IsToldToStop()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var target = new FakeTarget(job =>
        {
            started.SetResult();
            stopped.SetResult(job.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10)));
            job.CancellationToken.ThrowIfCancellationRequested();
            return ExitCodes.Success;
        });
        var prepared = PreparedStream.Start(target, Job(new CliOutput(TextWriter.Null, TextWriter.Null)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        prepared.Dispose(); // the gate refused

        Assert.True(await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void CtrlC_WhileItIsMade_StopsIt_AndWritingThrowsTheCancellation()
    {
        using var ctrlC = new CancellationTokenSource();
        var target = new FakeTarget(job =>
        {
            job.CancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
            job.CancellationToken.ThrowIfCancellationRequested();
            return ExitCodes.Success;
        });
        using var prepared = PreparedStream.Start(target, Job(new CliOutput(TextWriter.Null, TextWriter.Null), ctrlC.Token));
        ctrlC.Cancel();
        var stdout = new StringWriter();

        Assert.ThrowsAny<OperationCanceledException>(() => prepared.WriteTo(new CliOutput(stdout, TextWriter.Null)));
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public void CtrlC_AfterItWasMade_ButBeforeTheAnalysisEnded_WritesNothing()
    {
        using var ctrlC = new CancellationTokenSource();
        var made = new ManualResetEventSlim();
        var target = new FakeTarget(job =>
        {
            job.Output.Out.Write("---\nkind: A\n");
            made.Set();
            return ExitCodes.Success;
        });
        using var prepared = PreparedStream.Start(target, Job(new CliOutput(TextWriter.Null, TextWriter.Null), ctrlC.Token));
        Assert.True(made.Wait(TimeSpan.FromSeconds(10)));
        ctrlC.Cancel(); // during the analysis
        var stdout = new StringWriter();

        Assert.ThrowsAny<OperationCanceledException>(() => prepared.WriteTo(new CliOutput(stdout, TextWriter.Null)));
        Assert.Empty(stdout.ToString());
    }

    private sealed class FakeTarget(Func<RenderJob, int> stream) : IRenderTarget
    {
        public string Name => "fake";
        public string Description => "a stream made by the test";
        public string StreamDescription => "what the test writes";
        public string? StreamRefusal => null;
        public bool Renders(Site site) => true;
        public string NotRendered(Site site, string renderedSites) => "";
        public int Write(RenderJob job) => throw new NotSupportedException();
        public int Stream(RenderJob job) => stream(job);
    }
}

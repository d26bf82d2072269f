using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Rendering.Targets;

/// <summary>
/// <c>--out -</c>: a target's stream made into memory on a thread of its own while the analysis gate runs, and written
/// only once the gate allows it, so nothing reaches standard output before then (kubectl would apply it). The stream
/// is made from the very translations the analysis reads (<see cref="SiteRenderings"/> makes each once), so making
/// it early changes no byte; at 10,000 services it is about 0.15 s the analysis no longer waits for
/// (bench/README.md, "Seventh session").
/// </summary>
internal sealed class PreparedStream : IDisposable
{
    private readonly KeptText _out = new();
    private readonly KeptText _error = new();
    private readonly CancellationToken _ctrlC;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _making;

    private PreparedStream(IRenderTarget target, RenderJob job)
    {
        _ctrlC = job.CancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken);
        var buffered = job with { Output = new CliOutput(_out, _error), CancellationToken = _stop.Token };
        // A thread of its own, not one of the pool's: it may wait for a site the analysis is still translating, and a
        // pool thread held waiting would be one fewer for the sites translated side by side.
        _making = Task.Factory.StartNew(() => target.Stream(buffered), _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts making <paramref name="target"/>'s stream of <paramref name="job"/>.</summary>
    public static PreparedStream Start(IRenderTarget target, RenderJob job) => new(target, job);

    /// <summary>
    /// Waits for the stream and writes it to <paramref name="output"/>: the documents to standard output, then what the
    /// target printed to standard error (its summary), as the target writes them; returns the target's exit code.
    /// A failure while making it is thrown here, as itself; so is a Ctrl+C that came at any time before, and then nothing
    /// is written.
    /// </summary>
    public int WriteTo(CliOutput output)
    {
        var code = _making.GetAwaiter().GetResult();
        // The stream is usually made long before the analysis ends: a Ctrl+C in between still means nothing is written.
        _ctrlC.ThrowIfCancellationRequested();
        _out.WriteTo(output.Out);
        output.Out.Flush();
        _error.WriteTo(output.Error);
        return code;
    }

    /// <summary>Stops the stream if it is still being made (the gate refused, or the command ended early).</summary>
    public void Dispose()
    {
        _stop.Cancel();
        // Its outcome no longer matters: observed, so that a failure is not reported as unobserved, and the token
        // source disposed only once nothing reads it.
        _making.ContinueWith(t =>
        {
            _ = t.Exception;
            _stop.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}

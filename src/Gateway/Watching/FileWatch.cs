using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace MeshFed.Gateway.Watching;

/// <summary>
/// The gateway's one way of noticing that files may have changed (the manifest, the trust folder): file-system
/// events, gathered for a settle delay so that a multi-file write is usually seen whole, and a poll on the
/// gateway's clock, because events are lost on some file systems (network mounts, Kubernetes ConfigMap symlink
/// swaps) and a watcher cannot always be made. Both surface as one <see cref="IChangeToken"/>; the consumer,
/// registered with <see cref="ChangeToken.OnChange(Func{IChangeToken?}, Action)"/>, decides by content whether
/// anything really changed. Not <c>PhysicalFileProvider.Watch</c>: its polling runs on the wall clock at a fixed
/// 4 s, so tests could not drive it and the poll interval could not be chosen.
/// </summary>
public sealed partial class FileWatch : IDisposable
{
    private readonly ITimer _timer;
    private readonly FileSystemWatcher? _watcher;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _settle;
    private readonly ILogger _logger;
    private CancellationTokenSource _changes = new();

    /// <summary>Watches <paramref name="folder"/> (not its subfolders).</summary>
    /// <param name="folder">The folder whose files are watched.</param>
    /// <param name="pollInterval">How often the token fires without any event.</param>
    /// <param name="settle">How long after a file-system event the token fires (events in between are gathered).</param>
    /// <param name="time">The clock of the poll and the settle delay.</param>
    /// <param name="logger">Where a watcher that cannot be made is reported (polling goes on).</param>
    public FileWatch(string folder, TimeSpan pollInterval, TimeSpan settle, TimeProvider time, ILogger logger)
    {
        _pollInterval = pollInterval;
        _settle = settle;
        _logger = logger;
        _timer = time.CreateTimer(static self => ((FileWatch)self!).Fire(), this, pollInterval, pollInterval);
        try
        {
            _watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => FireSoon();
            _watcher.Created += (_, _) => FireSoon();
            _watcher.Renamed += (_, _) => FireSoon();
            _watcher.Deleted += (_, _) => FireSoon();
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            NotWatching(logger, folder, e.Message);
        }
    }

    /// <summary>A token that fires at the next poll or settled file-system event.</summary>
    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changes).Token);

    private void Fire()
    {
        // Swapped before it fires, so a consumer re-registering from its callback gets the next token. Never
        // disposed: a consumer may be reading its token right now, and a source without a timer holds nothing.
        var fired = Interlocked.Exchange(ref _changes, new CancellationTokenSource());
        try
        {
            fired.Cancel();
        }
        catch (AggregateException e)
        {
            // A timer thread: anything escaping would end the process (E5). The consumers catch their own errors.
            ConsumerFailed(_logger, e);
        }
    }

    private void FireSoon()
    {
        try
        {
            _timer.Change(_settle, _pollInterval);
        }
        catch (ObjectDisposedException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Not watching {Folder} for changes ({Reason}); polling only.")]
    private static partial void NotWatching(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "A consumer of file changes failed; watching goes on.")]
    private static partial void ConsumerFailed(ILogger logger, Exception exception);

    /// <inheritdoc />
    public void Dispose()
    {
        _timer.Dispose();
        _watcher?.Dispose();
    }
}

using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshFed.Model.Yaml;

/// <summary>
/// YamlDotNet's event parser run ahead on a thread of its own, handing its events over in batches, so that reading a
/// large manifest's text (YamlDotNet's scanner and parser) and building its tree (<see cref="YamlTextReader"/>) use
/// both cores instead of one after the other. The reader sees exactly the synchronous parser's sequence: the same
/// events in order, <see cref="Current"/> null before the first and after the last, and a failure (a
/// <see cref="YamlException"/>, or anything else) thrown by <see cref="MoveNext"/> where the parser threw it, after every
/// event before it. Memory stays bounded: at most <see cref="Ahead"/> batches wait. Disposing stops the thread.
/// </summary>
internal sealed class PrefetchingParser : IParser, IDisposable
{
    private const int BatchSize = 4096;

    /// <summary>Batches the parser may be ahead of the reader.</summary>
    private const int Ahead = 4;

    private readonly BlockingCollection<Batch> _batches = new(Ahead);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _parsing;
    // The batch being read: its events, the next one to hand out, whether it is the last and how the parser ended.
    private ParsingEvent[] _events = [];
    private int _count;
    private int _next;
    private bool _last;
    private ExceptionDispatchInfo? _failure;
    private bool _disposed;

    public PrefetchingParser(TextReader text)
    {
        var stop = _stop.Token;
        _parsing = Task.Factory.StartNew(() => Parse(text, stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The parsing thread (tests wait for it to end after <see cref="Dispose"/>).</summary>
    internal Task Parsing => _parsing;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_next < _count)
            {
                Current = _events[_next++];
                return true;
            }
            if (_last)
            {
                // As the parser: a failure leaves Current at the last event made (even when that was in an earlier
                // batch); the end leaves it null.
                _failure?.Throw();
                Current = null;
                return false;
            }
            Receive();
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _stop.Cancel();
        // The thread ends at its next hand-over (or at once if it is waiting for room); nothing it made is read. What
        // it shares is disposed only once it has ended.
        _parsing.ContinueWith(_ =>
        {
            _stop.Dispose();
            _batches.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Receive()
    {
        if (!_batches.TryTake(out var batch, Timeout.Infinite))
        {
            // The thread ended without its last batch: only a failure outside the parser (out of memory) does that.
            _parsing.GetAwaiter().GetResult();
            throw new InvalidDataException("YamlDotNet's parser thread ended before the end of the text");
        }
        (_events, _count, _next, _last, _failure) = (batch.Events, batch.Count, 0, batch.Last, batch.Failure);
    }

    private void Parse(TextReader text, CancellationToken stop)
    {
        var events = new ParsingEvent[BatchSize];
        var count = 0;
        try
        {
            var parser = new Parser(text);
            while (true)
            {
                var more = true;
                while (count < BatchSize && (more = parser.MoveNext()))
                    events[count++] = parser.Current!;
                _batches.Add(new Batch(events, count, Last: !more, Failure: null), stop);
                if (!more)
                    return;
                events = new ParsingEvent[BatchSize];
                count = 0;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The reader stopped reading.
        }
        catch (Exception e)
        {
            try
            {
                // The events made before the failure, then the failure itself.
                _batches.Add(new Batch(events, count, Last: true, ExceptionDispatchInfo.Capture(e)), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
        finally
        {
            // Whatever happened, a reader waiting for a batch is not left waiting.
            _batches.CompleteAdding();
        }
    }

    private sealed record Batch(ParsingEvent[] Events, int Count, bool Last, ExceptionDispatchInfo? Failure);
}

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
    private Batch _batch = new([], 0, Last: false, Failure: null);
    private int _index = -1;

    public PrefetchingParser(TextReader text)
    {
        var stop = _stop.Token;
        _parsing = Task.Factory.StartNew(() => Parse(new Parser(text), stop), stop, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The parsing thread (tests wait for it to end after <see cref="Dispose"/>).</summary>
    internal Task Parsing => _parsing;

    public ParsingEvent? Current => _index >= 0 && _index < _batch.Count ? _batch.Events[_index] : null;

    public bool MoveNext()
    {
        while (true)
        {
            if (_index + 1 < _batch.Count)
            {
                _index++;
                return true;
            }
            if (_batch.Last)
            {
                // As the parser: a failure leaves Current at the last event made; the end leaves it null.
                _batch.Failure?.Throw();
                _index = _batch.Count;
                return false;
            }
            _batch = _batches.Take();
            _index = -1;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        // The thread ends at its next hand-over (or at once if it is waiting for room); nothing it made is read.
        _parsing.ContinueWith(_ =>
        {
            _stop.Dispose();
            _batches.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Parse(Parser parser, CancellationToken stop)
    {
        var events = new ParsingEvent[BatchSize];
        var count = 0;
        try
        {
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
                _batches.Add(new Batch(events, count, Last: true, ExceptionDispatchInfo.Capture(e)), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }
    }

    private sealed record Batch(ParsingEvent[] Events, int Count, bool Last, ExceptionDispatchInfo? Failure);
}

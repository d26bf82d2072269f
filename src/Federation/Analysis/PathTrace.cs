using System.Runtime.CompilerServices;

namespace MeshFed.Federation.Analysis;

/// <summary>One path being walked: the hops it took, the first finding that stopped it, and what degraded it.</summary>
internal sealed class PathTrace
{
    private readonly List<string> _via = [];
    private readonly List<AnalysisFinding> _warnings = [];
    private readonly bool _recordsHops;

    /// <summary>A path to walk; with <paramref name="recordsHops"/> false its hops are neither kept nor even formatted.</summary>
    /// <param name="id">The path, for people.</param>
    /// <param name="recordsHops">
    /// False when nobody reads <see cref="Via"/>: <c>render</c>'s gate reads only the findings, and at 10,000 services
    /// the hops' text was a tenth of what the walk allocated (bench/README.md, "Seventh session").
    /// </param>
    public PathTrace(string id, bool recordsHops = true)
    {
        Id = id;
        _recordsHops = recordsHops;
    }

    /// <summary>The path, for people: <c>caller → service:port [route] version@site (weight%)</c>.</summary>
    public string Id { get; }

    /// <summary>The hops taken, for the path table (empty when hops are not recorded).</summary>
    public IReadOnlyList<string> Via => _via;

    /// <summary>The finding that stopped the path, or null when it works.</summary>
    public AnalysisFinding? Broken { get; private set; }

    /// <summary>Findings that let the path work, not as the manifest says.</summary>
    public IReadOnlyList<AnalysisFinding> Warnings => _warnings;

    /// <summary>Records a hop taken.</summary>
    public void Step(string hop)
    {
        if (_recordsHops)
            _via.Add(hop);
    }

    /// <summary>Records a hop taken; its text is formatted only when hops are recorded.</summary>
    public void Step([InterpolatedStringHandlerArgument("")] ref HopText hop)
    {
        if (hop.Text() is { } text)
            _via.Add(text);
    }

    /// <summary>Stops the path at <paramref name="finding"/>; returns false so a hop can <c>return trace.Stop(...)</c>.</summary>
    public bool Stop(AnalysisFinding finding)
    {
        Broken ??= finding;
        return false;
    }

    /// <summary>Records a degradation; the path goes on.</summary>
    public void Warn(AnalysisFinding finding) => _warnings.Add(finding);

    /// <summary>
    /// The text of <c>trace.Step($"...")</c>, formatted only for a trace that records hops (C# interpolated string
    /// handlers: https://learn.microsoft.com/dotnet/csharp/advanced-topics/performance/interpolated-string-handler).
    /// </summary>
    [InterpolatedStringHandler]
    public ref struct HopText
    {
        private DefaultInterpolatedStringHandler _text;
        private readonly bool _recorded;

        /// <summary>Starts the text of a hop of <paramref name="trace"/>; nothing is appended when it records no hops.</summary>
        public HopText(int literalLength, int formattedCount, PathTrace trace, out bool shouldAppend)
        {
            _recorded = shouldAppend = trace._recordsHops;
            _text = _recorded ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        /// <summary>Appends literal text.</summary>
        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        /// <summary>Appends a value.</summary>
        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        /// <summary>Appends a value with a format.</summary>
        public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

        /// <summary>The text, or null when the trace records no hops.</summary>
        public string? Text() => _recorded ? _text.ToStringAndClear() : null;
    }
}

using MeshFed.Model.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MeshFed.Model.Yaml;

/// <summary>
/// Turns YAML text into positioned <see cref="ManifestNode"/> documents with YamlDotNet's event parser.
/// Every problem becomes a diagnostic; a document with a fatal problem is dropped whole so that nothing
/// downstream sees half of it. Depth and alias expansion are bounded by <see cref="YamlLimits"/>.
/// </summary>
public sealed class YamlTextReader
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>The length of text from which YamlDotNet's parser runs on a thread of its own (about 4,000 lines).</summary>
    internal const int PrefetchFrom = 128 * 1024;

    private readonly string _file;
    private readonly YamlLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, ManifestNode> _anchors = new(StringComparer.Ordinal);
    // Keys and most values repeat throughout a manifest ("name", "site", "weight", "http", a site's name): one string
    // each, not one per occurrence, since the tree lives as long as the command (bench/README.md, "Seventh session").
    private readonly HashSet<string> _texts = new(StringComparer.Ordinal);
    // The items of the collections being read, one list per depth, reused: each node keeps an array of its own size.
    private readonly List<List<ManifestNode>> _items = [];
    private readonly List<List<MappingEntry>> _entries = [];
    private IParser _parser = null!;

    private YamlTextReader(string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads every document of <paramref name="text"/>; problems go to <paramref name="diagnostics"/>.</summary>
    public static IReadOnlyList<ManifestNode> Read(string text, string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        var reader = new YamlTextReader(file, limits, diagnostics);
        return reader.ReadStream(text);
    }

    private IReadOnlyList<ManifestNode> ReadStream(string text)
    {
        var documents = new List<ManifestNode>();
        // A large text is parsed ahead on another thread while this one builds the tree (bench/README.md, "Eighth
        // session"); a small one is not worth a thread.
        using var prefetching = text.Length >= PrefetchFrom ? new PrefetchingParser(new StringReader(text)) : null;
        _parser = prefetching ?? (IParser)new Parser(new StringReader(text));
        try
        {
            _parser.Consume<StreamStart>();
            while (_parser.TryConsume<DocumentStart>(out _))
            {
                _anchors.Clear();
                var root = ReadNode(depth: 1);
                _parser.Consume<DocumentEnd>();
                if (root is ScalarNode { Kind: ScalarKind.Null })
                    continue; // "---" followed by nothing: an empty document, like kubectl we skip it.
                if (root.ExpandedSize > _limits.MaxNodes)
                {
                    Fail(DiagnosticCodes.TooManyNodes, root.Location,
                        $"the document expands to more than {_limits.MaxNodes:N0} nodes through aliases",
                        "Aliases (*name) that repeat large anchors multiply the document; write the values out or reference fewer times.");
                }
                documents.Add(root);
            }
        }
        catch (AbortDocument)
        {
            // Already reported; the rest of the stream is not trusted.
        }
        catch (YamlException e)
        {
            ReportSyntax(e, text);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet signals some truncated streams this way instead of with a YamlException.
            var mark = _parser.Current?.Start ?? Mark.Empty;
            Fail(DiagnosticCodes.YamlSyntax, At(mark), "not valid YAML: the document ends in the middle of a value",
                "Close every '[' and '{', and finish the last 'key: value'.");
        }
        return documents;
    }

    private ManifestNode ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new AbortDocument();
        switch (current)
        {
            case Scalar scalar:
                _parser.MoveNext();
                return Remember(scalar.Anchor, ReadScalar(scalar));
            case AnchorAlias alias:
                _parser.MoveNext();
                return ResolveAlias(alias, depth);
            case SequenceStart start:
                CheckDepth(depth, start.Start);
                _parser.MoveNext();
                return Remember(start.Anchor, ReadSequence(start, depth));
            case MappingStart start:
                CheckDepth(depth, start.Start);
                _parser.MoveNext();
                return Remember(start.Anchor, ReadMapping(start, depth));
            default:
                Fail(DiagnosticCodes.YamlSyntax, At(current.Start), $"unexpected YAML event {current.GetType().Name}", null);
                throw new AbortDocument();
        }
    }

    private ScalarNode ReadScalar(Scalar scalar)
    {
        var location = Position(scalar.Start);
        if (!scalar.Tag.IsEmpty && scalar.Tag.Value != StringTag && scalar.Tag.Value != "!")
        {
            _diagnostics.Error(DiagnosticCodes.UnsupportedYaml, "", At(scalar.Start),
                $"the tag '{scalar.Tag.Value}' is not supported", "Remove the tag; quote the value if it must be a string.");
        }
        var kind = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty
            ? CoreSchema.ResolvePlain(scalar.Value)
            : ScalarKind.String;
        return new ScalarNode(Shared(scalar.Value), kind, _file, location.Line, location.Column);
    }

    /// <summary>The one instance of <paramref name="text"/> this stream holds (short texts only: long ones rarely repeat).</summary>
    private string Shared(string text)
    {
        const int MaxSharedLength = 64;
        if (text.Length > MaxSharedLength)
            return text;
        if (_texts.TryGetValue(text, out var shared))
            return shared;
        _texts.Add(text);
        return text;
    }

    private static List<T> Scratch<T>(List<List<T>> lists, int depth)
    {
        while (lists.Count <= depth)
            lists.Add([]);
        var list = lists[depth];
        list.Clear();
        return list;
    }

    private SequenceNode ReadSequence(SequenceStart start, int depth)
    {
        var items = Scratch(_items, depth);
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            items.Add(ReadNode(depth + 1));
        }
        var (line, column) = Position(start.Start);
        return new SequenceNode(items.ToArray(), _file, line, column);
    }

    private MappingNode ReadMapping(MappingStart start, int depth)
    {
        var entries = Scratch(_entries, depth);
        Dictionary<string, ScalarNode>? seen = null; // only for large mappings; small ones are scanned
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(depth + 1);
            var value = ReadNode(depth + 1);
            if (keyNode is not ScalarNode key)
            {
                _diagnostics.Error(DiagnosticCodes.UnsupportedYaml, "", keyNode.Location,
                    $"a mapping key must be a plain string, not {keyNode.Describe()}", "Use a simple 'name: value' key.");
                continue;
            }
            if (key.Value == "<<" && key.Kind == ScalarKind.String)
            {
                _diagnostics.Error(DiagnosticCodes.UnsupportedYaml, "", key.Location,
                    "merge keys ('<<') are not supported", "Write the fields out, or put an anchor on the whole value and alias it.");
                continue;
            }
            if (FindKey(entries, ref seen, key.Value) is { } first)
            {
                _diagnostics.Error(DiagnosticCodes.DuplicateKey, "", key.Location,
                    $"duplicate key '{key.Value}' (first at line {first.Location.Line}, column {first.Location.Column})",
                    "Remove one of them; YAML keeps only one and silently losing the other is how outages start.");
                continue;
            }
            seen?.Add(key.Value, key);
            entries.Add(new MappingEntry(key, value));
        }
        var (line, column) = Position(start.Start);
        return new MappingNode(entries.ToArray(), _file, line, column);
    }

    private static ScalarNode? FindKey(List<MappingEntry> entries, ref Dictionary<string, ScalarNode>? seen, string key)
    {
        if (seen is null && entries.Count >= 16)
        {
            seen = new Dictionary<string, ScalarNode>(StringComparer.Ordinal);
            foreach (var entry in entries)
                seen.Add(entry.Key.Value, entry.Key);
        }
        if (seen is not null)
            return seen.GetValueOrDefault(key);
        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry.Key;
        }
        return null;
    }

    private ManifestNode ResolveAlias(AnchorAlias alias, int depth)
    {
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            Fail(DiagnosticCodes.YamlSyntax, At(alias.Start), $"the alias '*{alias.Value.Value}' refers to no anchor defined before it",
                $"Define '&{alias.Value.Value}' on a node above this line.");
            throw new AbortDocument();
        }
        if (depth + target.Height > _limits.MaxDepth)
        {
            CheckDepth(depth + target.Height, alias.Start);
        }
        return target;
    }

    private ManifestNode Remember(AnchorName anchor, ManifestNode node)
    {
        if (node.ExpandedSize > _limits.MaxNodes)
        {
            Fail(DiagnosticCodes.TooManyNodes, node.Location,
                $"this node expands to more than {_limits.MaxNodes:N0} nodes through aliases (an alias bomb)",
                "Write the values out, or reference large anchors fewer times.");
            throw new AbortDocument();
        }
        if (!anchor.IsEmpty)
            _anchors[anchor.Value] = node;
        return node;
    }

    private void CheckDepth(int depth, Mark mark)
    {
        if (depth <= _limits.MaxDepth)
            return;
        Fail(DiagnosticCodes.TooDeep, At(mark), $"nesting is deeper than {_limits.MaxDepth} levels",
            "A manifest needs about 10 levels; flatten the structure.");
        throw new AbortDocument();
    }

    private void ReportSyntax(YamlException e, string text)
    {
        var location = At(e.Start);
        string? hint = null;
        if (FindIndentingTab(text, (int)Math.Max(e.Start.Line, 1)) is { } tab)
        {
            // YamlDotNet reports tab trouble at the start of the enclosing block; point at the tab itself.
            location = tab;
            hint = "YAML does not allow tabs for indentation; indent with spaces.";
        }
        // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 3) - (...): "; the position is already ours.
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0)
            message = message[(cut + 3)..];
        hint ??= "Check the indentation, quotes and brackets at this position.";
        _diagnostics.Error(DiagnosticCodes.YamlSyntax, "", location, $"not valid YAML: {message.TrimEnd('.')}", hint);
    }

    /// <summary>The first tab in the indentation of a line at or after <paramref name="fromLine"/>, if any.</summary>
    private SourceLocation? FindIndentingTab(string text, int fromLine)
    {
        var line = 1;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            if (line >= fromLine)
            {
                for (var i = lineStart; i < lineEnd && text[i] is ' ' or '\t' or '-'; i++)
                {
                    if (text[i] == '\t')
                        return new SourceLocation(_file, line, i - lineStart + 1);
                }
            }
            line++;
            lineStart = lineEnd + 1;
        }
        return null;
    }

    private void Fail(string code, SourceLocation location, string message, string? hint) =>
        _diagnostics.Error(code, "", location, message, hint);

    private SourceLocation At(Mark mark)
    {
        var (line, column) = Position(mark);
        return new(_file, line, column);
    }

    private static (int Line, int Column) Position(Mark mark) => ((int)Math.Max(mark.Line, 1), (int)Math.Max(mark.Column, 1));

    /// <summary>Stops reading the current stream after a fatal, already-reported problem.</summary>
    private sealed class AbortDocument : Exception;
}

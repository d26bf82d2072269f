using System.Text;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;
using YamlDotNet.Core;

namespace MeshFed.Model.Tests.Yaml;

/// <summary>
/// A large manifest is parsed on a thread of its own (<see cref="PrefetchingParser"/>): the reader must see the
/// synchronous parser's events exactly, its failures at the same place, and nothing may be left running.
/// </summary>
public sealed class PrefetchingParserTests
{
    // Many batches' worth of events: services with flow mappings, anchors and aliases, quoted and block scalars.
    private static string Large(int services, string? tail = null)
    {
        var text = new StringBuilder("spec:\n  defaults: &d { timeout: 5s, retries: 3 }\n  services:\n");
        for (var i = 0; i < services; i++)
        {
            text.Append("    - name: svc-").Append(i).Append('\n')
                .Append("      ports: [{ port: 8080, protocol: http }, { port: 9090, protocol: grpc }]\n")
                .Append("      traffic: *d\n")
                .Append("      note: \"quoted ").Append(i).Append("\"\n")
                .Append("      text: |\n        line one\n        line two\n");
        }
        return text.Append(tail).ToString();
    }

    private static List<string> Events(IParser parser)
    {
        var events = new List<string>();
        while (parser.MoveNext())
            events.Add($"{parser.Current} @ {parser.Current!.Start}");
        return events;
    }

    [Fact]
    public void ALargeText_GivesTheSynchronousParsersEvents_InOrder()
    {
        var text = Large(3000);

        using var prefetching = new PrefetchingParser(new StringReader(text));
        var expected = Events(new Parser(new StringReader(text)));

        Assert.True(expected.Count > 10 * 4096, $"{expected.Count} events: too few to cross batches");
        Assert.Equal(expected, Events(prefetching));
        Assert.Null(prefetching.Current);
        Assert.False(prefetching.MoveNext());
    }

    [Fact]
    public void ASyntaxError_IsThrownWhereTheParserThrowsIt_AfterEveryEventBefore()
    {
        var text = Large(2000, "  broken: [unclosed, {\n");
        var parser = new Parser(new StringReader(text));
        var before = new List<string>();
        var expected = Assert.ThrowsAny<YamlException>(() =>
        {
            while (parser.MoveNext())
                before.Add($"{parser.Current} @ {parser.Current!.Start}");
        });

        using var prefetching = new PrefetchingParser(new StringReader(text));
        var seen = new List<string>();
        var thrown = Assert.ThrowsAny<YamlException>(() =>
        {
            while (prefetching.MoveNext())
                seen.Add($"{prefetching.Current} @ {prefetching.Current!.Start}");
        });

        Assert.Equal(before, seen);
        Assert.Equal(expected.GetType(), thrown.GetType());
        Assert.Equal(expected.Message, thrown.Message);
        Assert.Equal(expected.Start, thrown.Start);
        Assert.Equal($"{parser.Current} @ {parser.Current?.Start}", $"{prefetching.Current} @ {prefetching.Current?.Start}");
    }

    // 3 opening events + 4,093 scalars fill the first batch exactly: the failure comes alone in the next one, and
    // Current must still be the last event made, as the parser leaves it (the reader's diagnostic points there).
    [Fact]
    public void AFailureRightAfterAFullBatch_LeavesCurrentAtTheLastEvent()
    {
        var text = string.Concat(Enumerable.Repeat("- a\n", 4093)) + "- @x\n";
        var parser = new Parser(new StringReader(text));
        var expected = Assert.ThrowsAny<YamlException>(() => { while (parser.MoveNext()) { } });

        using var prefetching = new PrefetchingParser(new StringReader(text));
        var count = 0;
        var thrown = Assert.ThrowsAny<YamlException>(() => { while (prefetching.MoveNext()) count++; });

        Assert.Equal(4096, count);
        Assert.Equal(expected.Message, thrown.Message);
        Assert.NotNull(prefetching.Current);
        Assert.Equal($"{parser.Current} @ {parser.Current!.Start}", $"{prefetching.Current} @ {prefetching.Current!.Start}");
    }

    [Fact]
    public void DisposingTwice_IsHarmless_AndReadingAfterIsRefused()
    {
        var prefetching = new PrefetchingParser(new StringReader(Large(10)));
        prefetching.Dispose();
        prefetching.Dispose();

        Assert.Throws<ObjectDisposedException>(() => prefetching.MoveNext());
    }

    [Fact]
    public async Task DisposedBeforeTheEnd_StopsItsThread()
    {
        var prefetching = new PrefetchingParser(new StringReader(Large(20000)));
        Assert.True(prefetching.MoveNext());

        prefetching.Dispose();

        var ended = await Task.WhenAny(prefetching.Parsing, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.Same(prefetching.Parsing, ended);
    }

    [Fact]
    public void ALargeManifest_ReadsToTheSameTreeAndDiagnostics_AsASmallReaderWould()
    {
        var text = Large(3000, "  last: !custom value\n");
        Assert.True(text.Length >= YamlTextReader.PrefetchFrom);

        var large = new DiagnosticBag();
        var documents = YamlTextReader.Read(text, "m.yaml", YamlLimits.Default, large);

        var root = Assert.IsType<MappingNode>(Assert.Single(documents));
        var services = Assert.IsType<SequenceNode>(Assert.IsType<MappingNode>(root.Find("spec")!.Value.Value).Find("services")!.Value.Value);
        Assert.Equal(3000, services.Items.Count);
        var diagnostic = Assert.Single(large.Items);
        Assert.Contains("'!custom' is not supported", diagnostic.Message);
        Assert.Equal(3 + 3000 * 7 + 1, diagnostic.Location!.Line);
    }

    [Fact]
    public void ALargeManifestWithASyntaxError_IsReportedWhereTheParserFoundIt_AndNothingOfItIsKept()
    {
        var text = Large(3000, "  broken: [unclosed, {\n");
        var expected = Assert.ThrowsAny<YamlException>(() =>
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) { }
        });

        var diagnostics = new DiagnosticBag();
        var documents = YamlTextReader.Read(text, "m.yaml", YamlLimits.Default, diagnostics);

        Assert.Empty(documents);
        var diagnostic = Assert.Single(diagnostics.Items);
        Assert.Equal(DiagnosticCodes.YamlSyntax, diagnostic.Code);
        Assert.Equal((int)expected.Start.Line, diagnostic.Location!.Line);
        Assert.Equal((int)expected.Start.Column, diagnostic.Location!.Column);
    }
}

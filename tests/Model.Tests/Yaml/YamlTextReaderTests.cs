using MeshFed.Model.Diagnostics;
using MeshFed.Model.Yaml;

namespace MeshFed.Model.Tests.Yaml;

/// <summary>
/// The loader's tree as it is now held (bench/README.md, "Seventh session"): positions as parts of each node, pairs
/// inline in their mapping's array, repeated short texts as one string, collections in arrays of their own size
/// while the reader reuses one list per depth. What a reader of the tree sees must not change with any of it.
/// </summary>
public sealed class YamlTextReaderTests
{
    private static ManifestNode ReadOne(string text)
    {
        var diagnostics = new DiagnosticBag();
        var documents = YamlTextReader.Read(text, "m.yaml", YamlLimits.Default, diagnostics);
        Assert.Empty(diagnostics.Items);
        return Assert.Single(documents);
    }

    [Fact]
    public void Nodes_KeepTheirFileLineAndColumn()
    {
        var root = (MappingNode)ReadOne("a: 1\nlist:\n  - x: y\n    z: [p, q]\n");
        Assert.Equal(new SourceLocation("m.yaml", 1, 1), root.Location);
        var list = (SequenceNode)root.Find("list")!.Value.Value;
        Assert.Equal(new SourceLocation("m.yaml", 3, 3), list.Location);
        var item = (MappingNode)list.Items[0];
        Assert.Equal(new SourceLocation("m.yaml", 3, 5), item.Location);
        Assert.Equal(new SourceLocation("m.yaml", 4, 5), item.Entries[1].Key.Location);
        Assert.Equal(new SourceLocation("m.yaml", 4, 12), ((SequenceNode)item.Find("z")!.Value.Value).Items[1].Location);
    }

    [Fact]
    public void SiblingsAndNestedCollections_AtTheSameDepth_KeepTheirOwnItems()
    {
        // One reused list per depth: a second sibling must not see the first one's items, nor a parent its child's.
        var root = (MappingNode)ReadOne("""
            first: [a, b, c]
            second: [d]
            nested:
              - [e, f]
              - [g]
              - { k: v, l: w }
              - { m: n }
            """);
        Assert.Equal(["first", "second", "nested"], root.Entries.Select(e => e.Key.Value));
        Assert.Equal(["a", "b", "c"], ((SequenceNode)root.Find("first")!.Value.Value).Items.Select(i => ((ScalarNode)i).Value));
        Assert.Equal(["d"], ((SequenceNode)root.Find("second")!.Value.Value).Items.Select(i => ((ScalarNode)i).Value));
        var nested = ((SequenceNode)root.Find("nested")!.Value.Value).Items;
        Assert.Equal(4, nested.Count);
        Assert.Equal(["e", "f"], ((SequenceNode)nested[0]).Items.Select(i => ((ScalarNode)i).Value));
        Assert.Equal(["g"], ((SequenceNode)nested[1]).Items.Select(i => ((ScalarNode)i).Value));
        Assert.Equal(["k", "l"], ((MappingNode)nested[2]).Entries.Select(e => e.Key.Value));
        Assert.Equal(["m"], ((MappingNode)nested[3]).Entries.Select(e => e.Key.Value));
    }

    [Fact]
    public void RepeatedShortTexts_AreOneString_AndLongOnesAreKeptAsWritten()
    {
        var longText = new string('x', 100);
        var root = (SequenceNode)ReadOne($"- {{ name: a, site: gcp }}\n- {{ name: b, site: gcp }}\n- {longText}\n- {longText}\n");
        var first = (MappingNode)root.Items[0];
        var second = (MappingNode)root.Items[1];
        Assert.Same(first.Entries[0].Key.Value, second.Entries[0].Key.Value);
        Assert.Same(((ScalarNode)first.Find("site")!.Value.Value).Value, ((ScalarNode)second.Find("site")!.Value.Value).Value);
        Assert.Equal(longText, ((ScalarNode)root.Items[2]).Value);
        Assert.Equal(longText, ((ScalarNode)root.Items[3]).Value);
    }

    [Fact]
    public void Find_OnALargeMapping_IsNullForAMissingKey_NotAnEmptyPair()
    {
        // Mappings over 12 keys are indexed; a pair is a value, and "none" must stay null, not a pair of nulls.
        var keys = Enumerable.Range(0, 20).Select(i => $"k{i}").ToList();
        var root = (MappingNode)ReadOne(string.Join("\n", keys.Select(k => $"{k}: 1")) + "\n");
        Assert.Null(root.Find("missing"));
        Assert.Equal("k7", root.Find("k7")!.Value.Key.Value);
        var small = (MappingNode)ReadOne("a: 1\n");
        Assert.Null(small.Find("missing"));
    }

    [Fact]
    public void SizeAndHeight_CountKeysValuesAndAliases()
    {
        var root = (MappingNode)ReadOne("base: &b [1, 2]\ncopy: *b\n");
        // The mapping, two keys, the list (3 nodes) and its alias expanded (3 more).
        Assert.Equal(1 + 2 + 3 + 3, root.ExpandedSize);
        Assert.Equal(2, root.Height);
        Assert.Equal(1, ((ScalarNode)root.Entries[0].Key).ExpandedSize);
        Assert.Equal(0, root.Entries[0].Key.Height);
    }
}

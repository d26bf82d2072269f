using MeshFed.Model.Loading;
using MeshFed.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace MeshFed.Model.Tests;

/// <summary>
/// Takes the valid examples apart at random (drop, duplicate or retype a node) and checks that the loader
/// either accepts the result or explains every problem with a position, a path and a message; it never
/// throws. Seeds are fixed so a failure can be replayed.
/// </summary>
public class MutationTests
{
    private const int MutationsPerFile = 150;

    [Theory]
    [MemberData(nameof(Corpus.ExampleFileData), MemberType = typeof(Corpus))]
    public void Load_MutatedExample_IsValidOrFullyExplained(string relativePath)
    {
        var original = File.ReadAllText(RepoPaths.Of(relativePath));
        var random = new Random(relativePath.Length * 7919);
        var failures = new List<string>();
        for (var i = 0; i < MutationsPerFile; i++)
        {
            var (text, what) = Mutate(original, random);
            ManifestLoadResult result;
            try
            {
                result = ManifestLoader.LoadText(text, "mutated.yaml");
            }
            catch (Exception e)
            {
                failures.Add($"#{i} {what}: threw {e.GetType().Name}: {e.Message}");
                continue;
            }
            if (result.IsValid)
                continue;
            foreach (var error in result.Errors)
            {
                if (error.Location is not { Line: > 0, Column: > 0 } || string.IsNullOrWhiteSpace(error.Message))
                    failures.Add($"#{i} {what}: unpositioned or empty error: {error}");
            }
            if (!result.Errors.Any())
                failures.Add($"#{i} {what}: invalid without an error");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public void Mutations_ProduceBothValidAndInvalidManifests()
    {
        var original = File.ReadAllText(RepoPaths.Of("examples/demo/mesh.yaml"));
        var random = new Random(42);
        var outcomes = Enumerable.Range(0, 100).Select(_ => ManifestLoader.LoadText(Mutate(original, random).Text, "m.yaml").IsValid).ToList();

        // A mutator that only ever broke (or never broke) the manifest would prove little.
        Assert.Contains(true, outcomes);
        Assert.Contains(false, outcomes);
    }

    private static (string Text, string What) Mutate(string yaml, Random random)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var nodes = new List<(YamlNode Parent, YamlNode Node, object Key)>();
        Collect(stream.Documents[0].RootNode, nodes);
        var (parent, node, key) = nodes[random.Next(nodes.Count)];
        string what;
        switch (random.Next(3))
        {
            case 0:
                Remove(parent, key);
                what = $"drop {Describe(key)}";
                break;
            case 1:
                Duplicate(parent, node, key);
                what = $"duplicate {Describe(key)}";
                break;
            default:
                Replace(parent, key, Retype(node, random));
                what = $"retype {Describe(key)}";
                break;
        }
        var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return (writer.ToString(), what);
    }

    private static void Collect(YamlNode node, List<(YamlNode, YamlNode, object)> into)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (k, v) in mapping.Children.ToList())
                {
                    into.Add((mapping, v, k));
                    Collect(v, into);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    into.Add((sequence, sequence.Children[i], i));
                    Collect(sequence.Children[i], into);
                }
                break;
        }
    }

    private static YamlNode Retype(YamlNode node, Random random) => (node, random.Next(4)) switch
    {
        (YamlScalarNode, 0) => new YamlSequenceNode(new YamlScalarNode("x")),
        (YamlScalarNode, 1) => new YamlMappingNode(new YamlScalarNode("x"), new YamlScalarNode("1")),
        (_, 2) => new YamlScalarNode(random.Next(100_000).ToString()),
        _ => new YamlScalarNode("Not-A_Valid Name!"),
    };

    private static void Remove(YamlNode parent, object key)
    {
        if (parent is YamlMappingNode mapping)
            mapping.Children.Remove((YamlNode)key);
        else
            ((YamlSequenceNode)parent).Children.RemoveAt((int)key);
    }

    private static void Duplicate(YamlNode parent, YamlNode node, object key)
    {
        if (parent is YamlSequenceNode sequence)
            sequence.Children.Insert((int)key, node);
        else
            ((YamlMappingNode)parent).Children[new YamlScalarNode(((YamlScalarNode)key).Value + "2")] = node; // near-duplicate key: an unknown field
    }

    private static void Replace(YamlNode parent, object key, YamlNode value)
    {
        if (parent is YamlMappingNode mapping)
            mapping.Children[(YamlNode)key] = value;
        else
            ((YamlSequenceNode)parent).Children[(int)key] = value;
    }

    private static string Describe(object key) => key is YamlScalarNode scalar ? scalar.Value ?? "?" : $"item {key}";
}

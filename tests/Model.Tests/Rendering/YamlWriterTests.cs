using System.Text.Json.Nodes;
using MeshFed.Model.Rendering;
using YamlDotNet.RepresentationModel;

namespace MeshFed.Model.Tests.Rendering;

public class YamlWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("true", "\"true\"")]
    [InlineData("8080", "\"8080\"")]
    [InlineData("yes", "\"yes\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("1:20", "\"1:20\"")]
    [InlineData("*", "\"*\"")]
    [InlineData("", "\"\"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("/api/*", "/api/*")]
    [InlineData(".*\\.eu", ".*\\.eu")]
    [InlineData("v1", "v1")]
    public void Scalar_QuotesWhatYamlWouldNotReadAsThisString(string text, string written) =>
        Assert.Equal(written, YamlWriter.Scalar(text));

    [Fact]
    public void Write_ListsOfListsAndRepeatedItems_KeepEachItemAtItsDepth()
    {
        // The tree writer told the first item of a list by reference, so a second null in a nested list was written as
        // an item of the outer list ("a:\n- - null\n- null\n"); each item now knows its place.
        var tree = JsonNode.Parse("""{"a":[[null,null],[1,1],["x","x"]],"b":[[[],{}]]}""")!;

        Assert.Equal("a:\n- - null\n  - null\n- - 1\n  - 1\n- - x\n  - x\nb:\n- - []\n  - {}\n", YamlWriter.Write(tree));
    }

    [Fact]
    public void Write_RoundTripsThroughAYamlParser()
    {
        var tree = new JsonObject
        {
            ["name"] = "x",
            ["list"] = new JsonArray(new JsonObject { ["a"] = 1, ["b"] = new JsonArray("y", "2") }, "plain"),
            ["empty"] = new JsonObject(),
            ["flag"] = true,
        };

        var yaml = YamlWriter.Write(tree);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;

        var first = (YamlMappingNode)((YamlSequenceNode)root["list"])[0];
        Assert.Equal("1", ((YamlScalarNode)first["a"]).Value);
        Assert.Equal(["y", "2"], ((YamlSequenceNode)first["b"]).Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, ((YamlScalarNode)((YamlSequenceNode)first["b"])[0]).Style);
        Assert.Equal("plain", ((YamlScalarNode)((YamlSequenceNode)root["list"])[1]).Value);
        Assert.Empty(((YamlMappingNode)root["empty"]).Children);
    }

    private static KubernetesObject Resource(string? @namespace, JsonObject spec) => new()
    {
        ApiVersion = "networking.istio.io/v1",
        Kind = "VirtualService",
        Name = "orders",
        Namespace = @namespace,
        Labels = [new("app.kubernetes.io/managed-by", "meshfed"), new("version", "1")],
        Spec = spec,
    };

    [Theory]
    [InlineData("shop")]
    [InlineData(null)]
    public void WriteObject_IsTheTextOfItsJson_WithoutCopyingTheSpec(string? @namespace)
    {
        var resource = Resource(@namespace, new JsonObject
        {
            ["hosts"] = new JsonArray("orders.shop.svc.cluster.local"),
            ["http"] = new JsonArray(new JsonObject { ["route"] = new JsonArray(new JsonObject { ["weight"] = 100 }) }),
        });

        var builder = new System.Text.StringBuilder("before\n");
        YamlWriter.Write(builder, resource);

        Assert.Equal("before\n" + YamlWriter.Write(resource.ToJson()), builder.ToString());
        Assert.Null(resource.Spec.Parent);
    }

    [Fact]
    public void FileName_IsTheLowerCasedKindNamespaceAndName()
    {
        Assert.Equal("virtualservice-shop-orders.yaml", Resource("shop", []).FileName);
        Assert.Equal("virtualservice-orders.yaml", Resource(null, []).FileName);
        Assert.Equal("namespace-Meshfed-System.yaml", (Resource(null, []) with { Kind = "NAMESPACE", Name = "Meshfed-System" }).FileName);
    }

    // The envelope is written from the object's fields, not from its JSON: the same text whatever the labels hold.
    [Fact]
    public void WriteObject_WithoutLabels_OrWithLabelsYamlWouldMisread_IsTheTextOfItsJson()
    {
        var spec = System.Text.Encoding.UTF8.GetBytes("""{"host":"a.b.svc.cluster.local","n":[1,null,"yes"]}""");
        var bare = Resource(null, []) with { Labels = [], SpecUtf8 = spec };
        var odd = Resource("8080", []) with { Name = "true", Labels = [new("on", "off"), new("k", "a: b"), new("e", ""), new("on", "yes")], SpecUtf8 = spec };

        foreach (var resource in new[] { bare, odd })
        {
            var builder = new System.Text.StringBuilder();
            YamlWriter.Write(builder, resource);
            Assert.Equal(YamlWriter.Write(resource.ToJson()), builder.ToString());
        }
        var text = new System.Text.StringBuilder();
        YamlWriter.Write(text, bare);
        Assert.Contains("  labels: {}\n", text.ToString());
        // A repeated key is written once, where it first came, with its last value (as the JSON object holds it).
        var repeated = new System.Text.StringBuilder();
        YamlWriter.Write(repeated, odd);
        Assert.Contains("    \"on\": \"yes\"\n    k: \"a: b\"\n    e: \"\"\n", repeated.ToString());
    }

    [Fact]
    public void WriteObject_WhoseSpecCannotBeRead_LeavesTheBuilderAsItWas()
    {
        var broken = Resource("shop", []) with { SpecUtf8 = System.Text.Encoding.UTF8.GetBytes("{\"hosts\": [") };
        var builder = new System.Text.StringBuilder("before\n");

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => YamlWriter.Write(builder, broken));
        Assert.Equal("before\n", builder.ToString());
    }

    [Fact]
    public void WriteObject_AnEmptySpec_IsWrittenAsJsonWritesIt()
    {
        var resource = Resource("shop", []);
        var builder = new System.Text.StringBuilder();

        YamlWriter.Write(builder, resource);

        Assert.Equal(YamlWriter.Write(resource.ToJson()), builder.ToString());
        Assert.EndsWith("spec: {}\n", builder.ToString());
    }

    [Fact]
    public void ObjectFromUtf8Spec_WritesAndReadsAsTheSameObjectWithATree()
    {
        // Istio's objects hold their spec as serialised UTF-8 (what the analysis reads without a tree); written as
        // YAML, as whole JSON, or read as a tree, they are the object a tree spec makes.
        var spec = new JsonObject { ["hosts"] = new JsonArray("a"), ["port"] = 8080, ["weight"] = 1.50m, ["on"] = true };
        var tree = Resource("shop", spec);
        var utf8 = tree with { Spec = null!, SpecUtf8 = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString()) };
        var fromTree = new System.Text.StringBuilder();
        var fromUtf8 = new System.Text.StringBuilder();

        YamlWriter.Write(fromTree, tree);
        YamlWriter.Write(fromUtf8, utf8);

        Assert.Equal(fromTree.ToString(), fromUtf8.ToString());
        Assert.Equal(tree.ToJson().ToJsonString(), System.Text.Encoding.UTF8.GetString(utf8.ToUtf8Json()));
        Assert.Equal(tree.ToJson().ToJsonString(), System.Text.Encoding.UTF8.GetString(tree.ToUtf8Json()));
        Assert.True(JsonNode.DeepEquals(spec, utf8.Spec));
        Assert.Same(utf8.Spec, utf8.Spec); // built once, then kept
    }

    [Fact]
    public void Equality_IsByValue_WhicheverFormTheSpecIsIn_AndReadingItChangesNothing()
    {
        var spec = new JsonObject { ["hosts"] = new JsonArray("a") };
        var tree = Resource("shop", spec);
        var utf8 = tree with { Spec = null!, SpecUtf8 = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString()) };
        var again = utf8 with { SpecUtf8 = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString()) };
        var other = tree with { Spec = new JsonObject { ["hosts"] = new JsonArray("b") } };

        Assert.Equal(utf8, again);
        Assert.Equal(tree, utf8);
        _ = again.Spec;
        Assert.Equal(utf8, again);
        Assert.NotEqual(tree, other);
        Assert.Equal(tree.GetHashCode(), utf8.GetHashCode());
        var unread = tree with { Spec = null!, SpecUtf8 = System.Text.Encoding.UTF8.GetBytes(spec.ToJsonString()) };
        Assert.Equal(tree, unread);
        Assert.False(unread.HasSpecTree); // comparing keeps no tree
    }

    [Fact]
    public void ToUtf8Json_WithoutSpec_SaysSo()
    {
        var empty = Resource("shop", []) with { Spec = null! };

        var thrown = Assert.Throws<InvalidOperationException>(() => empty.ToUtf8Json());
        Assert.Contains("has no spec", thrown.Message);
    }

    [Fact]
    public void SettingSpecUtf8_DropsATreeBuiltFromTheOldValue()
    {
        var first = Resource("shop", []) with { Spec = null!, SpecUtf8 = System.Text.Encoding.UTF8.GetBytes("""{"hosts":["a"]}""") };
        _ = first.Spec;

        var second = first with { SpecUtf8 = System.Text.Encoding.UTF8.GetBytes("""{"hosts":["b"]}""") };

        Assert.Equal("b", (string)second.Spec["hosts"]![0]!);
    }

    [Fact]
    public void ObjectWithoutSpec_SaysSoWhenItsSpecIsRead()
    {
        var empty = Resource("shop", []) with { Spec = null! };

        var thrown = Assert.Throws<InvalidOperationException>(() => empty.Spec);
        Assert.Contains("has no spec", thrown.Message);
    }
}

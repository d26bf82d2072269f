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
}

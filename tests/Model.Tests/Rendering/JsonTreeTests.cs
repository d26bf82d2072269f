using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MeshFed.Model.Rendering;

namespace MeshFed.Model.Tests.Rendering;

/// <summary>
/// <see cref="JsonTree"/> must give the tree <see cref="JsonSerializer.SerializeToNode(object?, JsonTypeInfo)"/> gives:
/// renderings are written from it byte for byte (golden files), and the analysis reads its values.
/// </summary>
public class JsonTreeTests
{
    private sealed record Port(int Number, string? Name);

    private sealed record Spec(
        string Host, IReadOnlyList<string> Hosts, bool Mirror, bool Retry, decimal Weight, double Ratio, long Big,
        Port? Port, IReadOnlyList<Port> Ports, IReadOnlyDictionary<string, string> Labels, string? Missing,
        IReadOnlyList<IReadOnlyList<int>> Nested, IReadOnlyList<string> Empty);

    private static readonly Spec s_spec = new(
        "a+b<c>&\"d\"\\é\u0001.svc.cluster.local", ["x", "", "ü"], true, false, 1.50m, 0.1, long.MaxValue,
        new Port(8080, null), [new Port(1, "http"), new Port(2, "grpc")], new Dictionary<string, string> { ["app"] = "orders", ["version"] = "v1" },
        null, [[1, 2], []], []);

    private static readonly JsonTypeInfo s_type = JsonSerializerOptions.Default.GetTypeInfo(typeof(Spec));

    [Fact]
    public void Object_SameTreeAsSerializeToNode()
    {
        var lazy = JsonSerializer.SerializeToNode(s_spec, s_type)!;
        var built = JsonTree.Object(s_spec, s_type);

        Assert.True(JsonNode.DeepEquals(lazy, built));
        Assert.Equal(lazy.ToJsonString(), built.ToJsonString());
        Assert.Equal(YamlWriter.Write(lazy), YamlWriter.Write(built));
    }

    [Fact]
    public void Object_MembersInSerialisedOrder()
    {
        var built = JsonTree.Object(s_spec, s_type);

        Assert.Equal(["Host", "Hosts", "Mirror", "Retry", "Weight", "Ratio", "Big", "Port", "Ports", "Labels", "Missing", "Nested", "Empty"],
            built.Select(p => p.Key));
    }

    [Fact]
    public void Object_ValuesReadAsTheirKinds()
    {
        var built = JsonTree.Object(s_spec, s_type);

        Assert.Equal(s_spec.Host, built["Host"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.True, built["Mirror"]!.GetValueKind());
        Assert.Equal(JsonValueKind.False, built["Retry"]!.GetValueKind());
        Assert.Equal("1.50", built["Weight"]!.ToJsonString()); // as written, not re-formatted
        Assert.Equal(long.MaxValue, built["Big"]!.GetValue<long>());
        Assert.Null(built["Missing"]);
        Assert.True(built.ContainsKey("Missing"));
        Assert.Equal(8080, built["Port"]!["Number"]!.GetValue<int>());
        Assert.Empty(built["Nested"]![1]!.AsArray());
    }

    [Fact]
    public void Object_ValueNotAnObject_Throws()
    {
        Assert.Throws<JsonException>(() => JsonTree.Object(new[] { 1, 2 }, JsonSerializerOptions.Default.GetTypeInfo(typeof(int[]))));
    }
}

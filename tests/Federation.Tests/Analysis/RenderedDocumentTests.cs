using System.Text;
using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Tests.Analysis;

/// <summary>
/// A document made from a rendered Kubernetes object reads its spec from the translator's bytes and makes its whole
/// body only when asked for (bench/README.md, "Seventh session"): what the analysis reads must be what it read when
/// every body was made up front.
/// </summary>
public sealed class RenderedDocumentTests
{
    private const string Spec = """{"hosts":["orders.shop.svc.cluster.local"],"http":[{"route":[{"weight":1.50}]}]}""";

    private static KubernetesObject FromBytes() => new()
    {
        ApiVersion = "networking.istio.io/v1",
        Kind = "VirtualService",
        Name = "orders",
        Namespace = "shop",
        Labels = [new("app.kubernetes.io/managed-by", "meshfed")],
        SpecUtf8 = Encoding.UTF8.GetBytes(Spec),
    };

    private static RenderedDocument Read(KubernetesObject resource) => RenderedDocument.FromKubernetes("gcp", [resource]).Single();

    [Fact]
    public void ASitesObjects_EachReadsItsOwnSpec_InTheirOrder()
    {
        // The specs of a site are parsed as one array (bench/README.md, "Ninth session"): each document must still
        // read its own, whatever its neighbours hold (an empty spec, a tree, text with a comma or bracket inside).
        KubernetesObject[] resources =
        [
            FromBytes(),
            FromBytes() with { Name = "empty", SpecUtf8 = "{}"u8.ToArray() },
            FromBytes() with { Name = "tree", Spec = new JsonObject { ["hosts"] = new JsonArray("a],[b.example") } },
            FromBytes() with { Name = "last", SpecUtf8 = """{"hosts":["last.example"]}"""u8.ToArray() },
        ];
        var documents = RenderedDocument.FromKubernetes("gcp", resources, "crds/");
        Assert.Equal(["orders", "empty", "tree", "last"], documents.Select(d => d.Name));
        Assert.Equal(["crds/virtualservice-shop-orders.yaml", "crds/virtualservice-shop-empty.yaml"], documents.Take(2).Select(d => d.File));
        Assert.Equal("orders.shop.svc.cluster.local", documents[0].Spec.Strings("hosts").Single());
        Assert.Equal("{}", documents[1].Spec!.Value.GetRawText());
        Assert.Equal("a],[b.example", documents[2].Spec.Strings("hosts").Single());
        Assert.Equal("last.example", documents[3].Spec.Strings("hosts").Single());
        Assert.All(documents, d => Assert.Equal(d.Spec!.Value.GetRawText(), d.Body.At("spec")!.Value.GetRawText()));
        Assert.Empty(RenderedDocument.FromKubernetes("gcp", []));
    }

    [Theory]
    [InlineData("""{"hosts":["a"]""", """],"x":1}""", false)] // the array does not parse
    [InlineData("""{"hosts":["a"]},{"b":1}""", """{"hosts":["c"]}""", true)] // it parses, one element too many
    public void ASpecThatIsNotOneJsonValue_IsRefusedByName_NotReadAsItsNeighbours(string first, string second, bool parses)
    {
        KubernetesObject[] resources =
        [
            FromBytes() with { Name = "first", SpecUtf8 = Encoding.UTF8.GetBytes(first) },
            FromBytes() with { Name = "second", SpecUtf8 = Encoding.UTF8.GetBytes(second) },
        ];
        var read = () => RenderedDocument.FromKubernetes("gcp", resources);
        if (parses)
            Assert.Equal("VirtualService shop/second: its spec is not one JSON value", Assert.Throws<InvalidOperationException>(read).Message);
        else
            Assert.ThrowsAny<System.Text.Json.JsonException>(read);
    }

    [Fact]
    public void ASpecAsDeepAsTheSerializerWrites_IsRead()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 64)) + "1" + new string('}', 64);
        var document = RenderedDocument.FromKubernetes("gcp", [FromBytes() with { SpecUtf8 = Encoding.UTF8.GetBytes(deep) }]).Single();
        Assert.Equal(deep, document.Spec!.Value.GetRawText());
    }

    [Fact]
    public void FromAnObject_TheSpecAndTheWholeBody_ReadAsTheObjectWritten()
    {
        foreach (var resource in new[] { FromBytes(), FromBytes() with { Spec = JsonNode.Parse(Spec)!.AsObject() } })
        {
            var document = Read(resource);
            Assert.Equal(("VirtualService", "orders", "shop"), (document.Kind, document.Name, document.Namespace));
            Assert.Equal("orders.shop.svc.cluster.local", document.Spec.Strings("hosts").Single());
            Assert.Equal("1.50", document.Spec.Items("http")[0].Items("route")[0].Str("weight"));
            Assert.True(JsonNode.DeepEquals(resource.ToJson(), document.Body.Tree()));
            Assert.Equal("meshfed", document.Body.Str("metadata", "labels", "app.kubernetes.io/managed-by"));
            Assert.Equal(document.Spec!.Value.GetRawText(), document.Body.At("spec")!.Value.GetRawText());
        }
    }

    [Fact]
    public void ABodySetInACopy_ReplacesTheSpecRead_AndLeavesTheOriginal()
    {
        var document = Read(FromBytes());
        var changed = document.Body.Tree()!;
        changed["spec"]!["hosts"] = new JsonArray("elsewhere.example");
        var edited = document with { Body = Json.Element(changed) };
        Assert.Equal("virtualservice-shop-orders.yaml", edited.File);
        Assert.Equal("elsewhere.example", edited.Spec.Strings("hosts").Single());
        Assert.Equal("orders.shop.svc.cluster.local", document.Spec.Strings("hosts").Single());
    }

    [Fact]
    public void Equality_IsTheIdentityAndTheJson_WhetherTheBodyWasMadeYetOrNot()
    {
        var read = Read(FromBytes());
        var unread = Read(FromBytes());
        _ = read.Body;

        Assert.Equal(read, unread);
        Assert.Equal(read.GetHashCode(), unread.GetHashCode());
        Assert.Equal(read, new RenderedDocument("gcp", "virtualservice-shop-orders.yaml", "VirtualService", "orders", "shop", read.Body.Tree()!));
        Assert.NotEqual(read, read with { Body = Json.Element(Encoding.UTF8.GetBytes("""{"spec":{}}""")) });
        Assert.NotEqual(read, read with { Site = "aws" });
    }

    [Fact]
    public void TheBody_IsMadeOnce_EvenWhenAskedForFromSeveralThreads()
    {
        var document = Read(FromBytes());
        var bodies = new string[8];
        Parallel.For(0, bodies.Length, i => bodies[i] = document.Body.GetRawText());
        Assert.All(bodies, b => Assert.Equal(bodies[0], b));
        Assert.Equal(document.Body.GetRawText(), bodies[0]);
    }
}

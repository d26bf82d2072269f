using System.Text;
using MeshFed.Federation.Rendering;
using MeshFed.Model.Rendering;

namespace MeshFed.Federation.Tests.Rendering;

/// <summary>
/// A site's stream kept in parts (bench/README.md, "Ninth session"): written in order, the parts are the documents
/// the folder holds, each once, whichever part a document starts in.
/// </summary>
public sealed class YamlStreamWriterTests
{
    [Fact]
    public void AStreamOfManyParts_IsEveryDocumentInOrder()
    {
        var resources = Enumerable.Range(0, 4_000).Select(i => new KubernetesObject
        {
            ApiVersion = "networking.istio.io/v1",
            Kind = "VirtualService",
            Name = $"service-{i:D4}",
            Namespace = "shop",
            Labels = [new("app.kubernetes.io/managed-by", "meshfed")],
            SpecUtf8 = Encoding.UTF8.GetBytes($$"""{"hosts":["service-{{i:D4}}.shop.svc.cluster.local"],"pad":"{{new string('x', i % 900)}}"}"""),
        }).ToList();

        var parts = YamlStreamWriter.Build(resources);
        var written = new StringWriter();
        YamlStreamWriter.Write(written, parts);

        Assert.InRange(parts.Count, 2, 10);
        Assert.All(parts.SkipLast(1), p => Assert.InRange(p.Length, YamlStreamWriter.PartLength * 15 / 16, YamlStreamWriter.PartLength + 4_096));
        Assert.All(parts, p => Assert.StartsWith(YamlStreamWriter.Separator, p.ToString()));
        Assert.Equal(string.Concat(resources.Select(r => YamlStreamWriter.Separator + KustomizeFolderWriter.FileText(r))), written.ToString());
    }

    [Fact]
    public void NoResources_NoPart()
    {
        Assert.Empty(YamlStreamWriter.Build([]));
    }
}

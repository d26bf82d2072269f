using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshFed.Federation.Analysis;

namespace MeshFed.Federation.Tests.Analysis;

/// <summary>
/// The analysis' tolerant reads over <see cref="JsonElement"/>s (<see cref="Json"/>): missing, JSON null and a default
/// element all read as null, numbers and booleans as their JSON text, lists without their nulls, as the node-tree
/// reads they replaced did.
/// </summary>
public sealed class JsonTests
{
    private static readonly JsonElement s_doc = Json.Element(Encoding.UTF8.GetBytes(
        """{"name":"orders","port":8080,"weight":1.50,"on":true,"off":false,"none":null,"hosts":["a",null,"b",7],"nested":{"tls":{"mode":"STRICT"}},"empty":[]}"""));

    [Fact]
    public void Str_ReadsStringsNumbersAndBooleansAsText_AndNullOrMissingAsNull()
    {
        Assert.Equal("orders", s_doc.Str("name"));
        Assert.Equal("8080", s_doc.Str("port"));
        Assert.Equal("1.50", s_doc.Str("weight")); // as written, as the trees kept numbers
        Assert.Equal("true", s_doc.Str("on"));
        Assert.Equal("false", s_doc.Str("off"));
        Assert.Null(s_doc.Str("none"));
        Assert.Null(s_doc.Str("missing"));
        Assert.Null(s_doc.Str("nested")); // an object is not a string
        Assert.Equal("STRICT", s_doc.Str("nested", "tls", "mode"));
        Assert.Null(s_doc.Str("name", "deeper"));
    }

    [Fact]
    public void At_NullMissingAndDefault_AreNull_SoNullChecksKeepTheirMeaning()
    {
        Assert.Null(s_doc.At("none"));
        Assert.Null(s_doc.At("missing"));
        Assert.Null(default(JsonElement).At());
        Assert.Null(((JsonElement?)null).Str("name"));
        Assert.NotNull(s_doc.At("nested", "tls"));
    }

    [Fact]
    public void Int_Items_Strings_FirstOrNull()
    {
        Assert.Equal(8080, s_doc.Int("port"));
        Assert.Null(s_doc.Int("name"));
        Assert.Equal(3, s_doc.Items("hosts").Count); // the null item dropped
        Assert.Equal(["a", "b", "7"], s_doc.Strings("hosts"));
        Assert.Empty(s_doc.Items("empty"));
        Assert.Empty(s_doc.Items("missing"));
        Assert.Equal("b", s_doc.Items("hosts").FirstOrNull(h => h.Str() == "b").Str());
        Assert.Null(s_doc.Items("hosts").FirstOrNull(h => h.Str() == "c")); // not default(JsonElement), which is not null
    }

    [Fact]
    public void Element_OfATree_AndTree_OfAnElement_RoundTrip()
    {
        var tree = new JsonObject { ["a"] = 1, ["b"] = new JsonArray("x", null), ["c"] = null };

        var element = Json.Element(tree);

        Assert.Equal(tree.ToJsonString(), element.GetRawText());
        Assert.True(JsonNode.DeepEquals(tree, element.Tree()));
    }

    [Fact]
    public void Is_AnswersAsComparingStr_ForEveryKindOfValue()
    {
        string?[] expectations = ["orders", "8080", "1.50", "1.5", "true", "false", "STRICT", "", null, "a", "7"];
        string[][] paths = [["name"], ["port"], ["weight"], ["on"], ["off"], ["none"], ["missing"], ["nested"], ["nested", "tls", "mode"], ["hosts"], ["name", "deeper"]];
        foreach (var path in paths)
        {
            foreach (var expected in expectations)
                Assert.True(s_doc.Str(path) == expected == s_doc.Is(expected, path), $"{string.Join('.', path)} against {expected ?? "null"}");
        }
        Assert.True(((JsonElement?)null).Is(null, "name"));
        Assert.False(((JsonElement?)null).Is("orders", "name"));
    }

    [Fact]
    public void Int_ReadsWholeNumbers_WrittenAsNumbersOrAsText()
    {
        var doc = Json.Element(Encoding.UTF8.GetBytes("""{"a":8080,"b":"8443","c":1.5,"d":-3,"e":"x","f":99999999999999999999,"g":1e3}"""));
        Assert.Equal(8080, doc.Int("a"));
        Assert.Equal(8443, doc.Int("b"));
        Assert.Null(doc.Int("c"));
        Assert.Equal(-3, doc.Int("d"));
        Assert.Null(doc.Int("e"));
        Assert.Null(doc.Int("f"));
        Assert.Null(doc.Int("g"));
        Assert.Null(doc.Int("missing"));
    }
}

/// <summary>
/// A rendering read back from a folder (frozen test data, hand-edited files) is read as tolerantly as the analysis
/// reads: an odd value is data, not a reason to refuse the whole folder.
/// </summary>
public sealed class RenderedFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-rendered-folder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadFrom_ANumericApiVersionAndAFloatJsonCannotHold_AreReadAsData()
    {
        var crds = Path.Combine(_dir, "site-x", "crds");
        Directory.CreateDirectory(crds);
        File.WriteAllText(Path.Combine(crds, "service-a.yaml"), "apiVersion: 1\nkind: Service\nmetadata: { name: a }\nspec: { weight: 1e999 }\n");

        var rendering = RenderedFederation.ReadFrom(_dir);

        var document = Assert.Single(rendering.Of("site-x").Documents);
        Assert.Equal("Service", document.Kind);
        Assert.Equal("1", document.Body.Str("apiVersion"));
        Assert.Equal("1e999", document.Spec.Str("weight"));
    }
}

using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>A folder (or a multi-document file) is one manifest: lists concatenate, single values have one owner.</summary>
public sealed class FolderMergeTests : IDisposable
{
    private const string Sites = """
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: m }
        spec:
          trustDomain: m.example
          sites:
            - { name: a, provider: onprem, gateway: { address: gw.a.example } }
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-merge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Folder_ConcatenatesServicesAcrossFiles()
    {
        Write("a-sites.yaml", Sites);
        Write("b-one.yaml", Service("one"));
        Write("sub/c-two.yml", Service("two"));

        var result = ManifestLoader.Load(_dir);

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(["one", "two"], result.Mesh!.Services.Select(s => s.Name));
        Assert.Equal(3, result.Files.Count);
    }

    [Fact]
    public void Folder_SingleValueSetTwice_IsAConflictAtTheSecond()
    {
        Write("a.yaml", Sites);
        Write("b.yaml", Service("one") + "  trustDomain: other.example\n");

        var result = ManifestLoader.Load(_dir);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.ConflictingFiles, error.Code);
        Assert.EndsWith("b.yaml", error.Location!.File);
        Assert.Contains("a.yaml:5:3", error.Message);
    }

    [Fact]
    public void Folder_DifferentMeshNames_AreAConflict()
    {
        Write("a.yaml", Sites);
        Write("b.yaml", Service("one").Replace("name: m }", "name: other }"));

        var result = ManifestLoader.Load(_dir);

        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.ConflictingFiles && e.Path == "metadata.name");
    }

    [Fact]
    public void Folder_DuplicateServiceAcrossFiles_PointsAtBothFiles()
    {
        Write("a.yaml", Sites);
        Write("b.yaml", Service("one"));
        Write("c.yaml", Service("one"));

        var result = ManifestLoader.Load(_dir);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.DuplicateName, error.Code);
        Assert.EndsWith("c.yaml", error.Location!.File);
        Assert.Contains("b.yaml", error.Message);
    }

    [Fact]
    public void Folder_ForeignDocument_IsRejected()
    {
        Write("a.yaml", Sites);
        Write("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n");

        var result = ManifestLoader.Load(_dir);

        var error = Assert.Single(result.Errors);
        Assert.Equal(DiagnosticCodes.WrongKind, error.Code);
        Assert.EndsWith("deployment.yaml", error.Location!.File);
    }

    [Fact]
    public void MultiDocumentFile_MergesLikeAFolder()
    {
        var result = ManifestLoader.LoadText(Sites + "\n---\n" + Service("one"), "all.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal("one", result.Mesh!.Services.Single().Name);
    }

    private static string Service(string name) => $$"""
        apiVersion: meshfed.dev/v1alpha1
        kind: FederatedMesh
        metadata: { name: m }
        spec:
          services:
            - { name: {{name}}, ports: [{ port: 80 }], deployments: [{ site: a, version: v1 }] }

        """;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}

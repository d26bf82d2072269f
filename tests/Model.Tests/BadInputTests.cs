using System.Text;
using MeshFed.Model.Diagnostics;
using MeshFed.Model.Loading;

namespace MeshFed.Model.Tests;

/// <summary>
/// Hostile and broken input: each gets a clear, positioned error and no mesh, never an exception or a
/// hang. Time and memory are bounded by generous guards that only a hang or a blow-up would cross.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EmptyFile_IsReported()
    {
        var result = LoadFile("empty.yaml", "");

        AssertSingleError(result, DiagnosticCodes.EmptyFile);
    }

    [Fact]
    public void CommentsOnly_IsReportedAsEmpty()
    {
        var result = LoadFile("comments.yaml", "# nothing here\n# at all\n");

        AssertSingleError(result, DiagnosticCodes.EmptyFile);
    }

    [Fact]
    public void NotYaml_IsReportedWithPosition()
    {
        var result = LoadFile("broken.yaml", "apiVersion: meshfed.dev/v1alpha1\nkind: [FederatedMesh\nspec: {\n");

        var error = AssertSingleError(result, DiagnosticCodes.YamlSyntax);
        Assert.True(error.Location!.Line >= 2);
    }

    [Fact]
    public void PlainText_IsNotAMapping()
    {
        var result = LoadFile("prose.yaml", "This is a README, not a manifest.\n");

        var error = AssertSingleError(result, DiagnosticCodes.WrongType);
        Assert.Equal((1, 1), (error.Location!.Line, error.Location.Column));
    }

    [Fact]
    public void BinaryBytes_AreRefusedBeforeParsing()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;

        var result = LoadFile("image.yaml", bytes);

        AssertSingleError(result, DiagnosticCodes.NotText);
    }

    [Fact]
    public void NulByteInText_IsReportedAtItsLine()
    {
        var result = LoadFile("nul.yaml", Encoding.UTF8.GetBytes("apiVersion: meshfed.dev/v1alpha1\nkind: Fed\0eratedMesh\n"));

        var error = AssertSingleError(result, DiagnosticCodes.NotText);
        Assert.Equal((2, 10), (error.Location!.Line, error.Location.Column));
    }

    [Fact]
    public void TwentyMegabyteManifest_IsRefusedBySize()
    {
        var path = Path.Combine(_dir, "huge.yaml");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata: { name: huge }\nspec:\n  services:");
            var line = "    - { name: s, ports: [{ port: 80 }], deployments: [{ site: a, version: v1 }] }";
            for (var written = 0L; written < 20L * 1024 * 1024; written += line.Length + 1)
                writer.WriteLine(line);
        }

        var (result, allocated) = Measured(() => ManifestLoader.Load(path));

        var error = AssertSingleError(result, DiagnosticCodes.FileTooLarge);
        Assert.Contains("MiB", error.Message);
        Assert.True(allocated < 8 * 1024 * 1024, $"refusing a 20 MB file allocated {allocated:N0} bytes: it was read");
    }

    [Theory]
    [InlineData("block")]
    [InlineData("flow-sequence")]
    [InlineData("flow-mapping")]
    public void TenThousandDeepNesting_IsRefused(string style)
    {
        const int depth = 10_000;
        var text = style switch
        {
            "block" => "spec:\n  " + string.Concat(Enumerable.Repeat("- ", depth)) + "x\n",
            "flow-sequence" => "spec: " + new string('[', depth) + new string(']', depth) + "\n",
            _ => "spec: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n",
        };

        var result = Bounded(() => ManifestLoader.LoadText(text, "deep.yaml"));

        AssertSingleError(result, DiagnosticCodes.TooDeep);
    }

    [Fact]
    public void BillionLaughs_IsRefusedWithoutExpanding()
    {
        var text = new StringBuilder("apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata: { name: lol }\nspec:\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            text.Append($"  l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");

        var (result, allocated) = Measured(() => ManifestLoader.LoadText(text.ToString(), "lol.yaml"));

        var error = AssertSingleError(result, DiagnosticCodes.TooManyNodes);
        Assert.Contains("alias", error.Message);
        Assert.True(allocated < 64 * 1024 * 1024, $"an alias bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void SmallAliases_AreAllowed()
    {
        var text = File.ReadAllText(MeshFed.Tests.Shared.RepoPaths.Of("examples/demo/mesh.yaml"))
            .Replace("retries: { attempts: 2, perTryTimeout: 1s }", "retries: &standard { attempts: 2, perTryTimeout: 1s }")
            .Replace("        timeout: 2s\n", "        timeout: 2s\n        retries: *standard\n");

        var result = ManifestLoader.LoadText(text, "aliases.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Mesh!.FindService("stock")!.Traffic.Retries!.Attempts);
    }

    [Fact]
    public void DuplicateKeys_AreErrorsAtTheSecondKey()
    {
        var result = LoadFile("dup.yaml", "apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nkind: FederatedMesh\nmetadata: { name: a, name: b }\n");

        var duplicates = result.Errors.Where(e => e.Code == DiagnosticCodes.DuplicateKey).ToList();
        Assert.Equal([(3, 1), (4, 22)], duplicates.Select(d => (d.Location!.Line, d.Location.Column)));
        Assert.Contains("first at line 2", duplicates[0].Message);
    }

    [Fact]
    public void Tabs_AreExplained()
    {
        var result = LoadFile("tabs.yaml", "apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata:\n\tname: tabbed\n");

        var error = AssertSingleError(result, DiagnosticCodes.YamlSyntax);
        Assert.Equal(4, error.Location!.Line);
        Assert.Contains("tabs", error.Hint);
    }

    [Fact]
    public void FolderWithoutManifests_IsReported()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "nothing")).FullName;
        File.WriteAllText(Path.Combine(folder, "README.md"), "# not a manifest");

        var result = ManifestLoader.Load(folder);

        var error = AssertSingleError(result, DiagnosticCodes.NoManifests);
        Assert.Equal(folder, error.Location!.File);
    }

    [Fact]
    public void MissingPath_IsReported()
    {
        var result = ManifestLoader.Load(Path.Combine(_dir, "does-not-exist.yaml"));

        AssertSingleError(result, DiagnosticCodes.PathNotFound);
    }

    [Fact]
    public void InvalidUtf8_IsReported()
    {
        var result = LoadFile("latin1.yaml", [.. Encoding.UTF8.GetBytes("metadata: { name: "), 0xE9, 0x74, 0xE9, (byte)'}', (byte)'\n']);

        AssertSingleError(result, DiagnosticCodes.NotText);
    }

    [Fact]
    public void UnknownAlias_IsReported()
    {
        var result = LoadFile("alias.yaml", "apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata: *nothing\n");

        var error = AssertSingleError(result, DiagnosticCodes.YamlSyntax);
        Assert.Equal(3, error.Location!.Line);
    }

    [Fact]
    public void MergeKeys_AreReportedNotSilentlyApplied()
    {
        var result = LoadFile("merge.yaml", "apiVersion: meshfed.dev/v1alpha1\nkind: FederatedMesh\nmetadata:\n  <<: { name: x }\n");

        Assert.Contains(result.Errors, e => e.Code == DiagnosticCodes.UnsupportedYaml && e.Location!.Line == 4);
    }

    private ManifestLoadResult LoadFile(string name, string text) => LoadFile(name, Encoding.UTF8.GetBytes(text));

    private ManifestLoadResult LoadFile(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return Bounded(() => ManifestLoader.Load(path));
    }

    private static ManifestLoadResult Bounded(Func<ManifestLoadResult> load) => Measured(load).Result;

    /// <summary>Runs the load on its own thread with a hang guard, and counts what that thread allocated.</summary>
    private static (ManifestLoadResult Result, long Allocated) Measured(Func<ManifestLoadResult> load)
    {
        var task = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var result = load();
            return (result, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.True(task.Wait(s_hangGuard), "loading did not finish: a hang");
        return task.Result;
    }

    private static Diagnostic AssertSingleError(ManifestLoadResult result, string code)
    {
        Assert.False(result.IsValid);
        var errors = result.Errors.ToList();
        Assert.True(errors.Count == 1 && errors[0].Code == code, $"expected one {code}, got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.NotNull(errors[0].Location);
        Assert.False(string.IsNullOrWhiteSpace(errors[0].Hint), $"{errors[0]} has no hint");
        return errors[0];
    }
}

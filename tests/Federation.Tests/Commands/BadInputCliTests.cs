using System.Text;
using MeshFed.Federation.Cli;

namespace MeshFed.Federation.Tests;

/// <summary>Every kind of bad input reaches the user as positioned errors and exit code 1, never a stack trace.</summary>
public sealed class BadInputCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-cli-bad-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string> Inputs() => new()
    {
        { "empty", "MF105" },
        { "not-yaml", "MF104" },
        { "binary", "MF103" },
        { "deep", "MF106" },
        { "alias-bomb", "MF107" },
        { "duplicate-keys", "MF108" },
        { "tabs", "MF104" },
        { "huge", "MF102" },
        { "folder-without-manifests", "MF101" },
        { "missing", "MF100" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_BadInput_ExitsOneWithACodedError(string kind, string code)
    {
        var path = Make(kind);

        foreach (var format in new[] { "text", "json" })
        {
            var (exit, stdout, stderr) = CliRunner.Run("validate", path, "--output", format);

            Assert.Equal(ExitCodes.InvalidInput, exit);
            Assert.Contains(code, stdout);
            Assert.DoesNotContain("Exception", stdout + stderr);
            Assert.DoesNotContain("   at ", stdout + stderr);
        }
    }

    private string Make(string kind)
    {
        var path = Path.Combine(_dir, kind + ".yaml");
        switch (kind)
        {
            case "empty":
                File.WriteAllText(path, "");
                break;
            case "not-yaml":
                File.WriteAllText(path, "kind: [FederatedMesh\nspec: {\n");
                break;
            case "binary":
                File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1, 2, 0xFF, 0xFE]);
                break;
            case "deep":
                File.WriteAllText(path, "spec: " + new string('[', 10_000) + new string(']', 10_000));
                break;
            case "alias-bomb":
                var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
                for (var i = 1; i < 10; i++)
                    bomb.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
                File.WriteAllText(path, bomb.ToString());
                break;
            case "duplicate-keys":
                File.WriteAllText(path, "apiVersion: meshfed.dev/v1alpha1\napiVersion: meshfed.dev/v1alpha1\n");
                break;
            case "tabs":
                File.WriteAllText(path, "metadata:\n\tname: x\n");
                break;
            case "huge":
                using (var stream = File.Create(path))
                {
                    stream.SetLength(20L * 1024 * 1024); // sparse: 20 MB on paper, nothing to write
                }
                break;
            case "folder-without-manifests":
                path = Directory.CreateDirectory(Path.Combine(_dir, kind)).FullName;
                File.WriteAllText(Path.Combine(path, "notes.txt"), "nothing");
                break;
            case "missing":
                break;
        }
        return path;
    }
}

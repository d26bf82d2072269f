using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Model;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// Every rendered VPC Lattice input (the golden cases, examples/shop-lattice, and random meshes with their AWS sites
/// on Lattice) goes through tests/conformance/lattice/inputs.mjs: its placeholders name earlier files, it satisfies
/// the Smithy model's constraints, and the official @aws-sdk/client-vpc-lattice sends exactly the rendered members.
/// </summary>
public sealed class LatticeSdkConformanceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshfed-lattice-sdk-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void RenderedInputs_SatisfyTheModel_AndAreWhatTheOfficialSdkSends()
    {
        var count = 0;
        var folders = 0;
        foreach (var mesh in LatticeGolden.ConformanceMeshes())
        {
            foreach (var site in mesh.Sites.Where(LatticeTranslator.Renders))
            {
                var rendering = LatticeTranslator.Translate(mesh, site.Name);
                if (rendering.Errors.Count > 0)
                    continue; // render writes nothing for these; the limit tests cover them
                var folder = Directory.CreateDirectory(Path.Combine(_dir, $"{folders++:D3}-{site.Name}")).FullName;
                for (var i = 0; i < rendering.Resources.Count; i++)
                    File.WriteAllText(Path.Combine(folder, rendering.Resources[i].FileName(i + 1)), rendering.Resources[i].ToJson());
                count += rendering.Resources.Count;
            }
        }

        var (exit, output) = RunNode(_dir);

        Assert.True(folders >= 4, $"only {folders} Lattice sites rendered");
        Assert.True(exit == 0, output);
        Assert.Contains($"checked {count} inputs, 0 problems", output);
    }

    [Theory]
    [InlineData("{\"name\":\"x-y-z\",\"authType\":\"NONE\",\"tags\":{},\"sharingConfig\":{\"enabled\":true},\"nmae\":1}", "unknown member 'nmae'")]
    [InlineData("{\"name\":\"a--b\",\"authType\":\"NONE\"}", "does not match")]
    [InlineData("{\"authType\":\"NONE\"}", "required member 'name' missing")]
    [InlineData("{\"name\":\"abc\",\"authType\":\"SIGV4\"}", "is not one of")]
    public void Checker_CatchesModelViolations(string json, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "001-create-service-network-x.json"), json);

        var (exit, output) = RunNode(_dir);

        Assert.Equal(1, exit);
        Assert.Contains(expected, output);
    }

    [Fact]
    public void Checker_CatchesAPlaceholderNoEarlierFileCreates()
    {
        File.WriteAllText(Path.Combine(_dir, "001-create-listener-x.json"),
            """{"serviceIdentifier":"{{service:nowhere}}","name":"http-80","protocol":"HTTP","port":80,"defaultAction":{"fixedResponse":{"statusCode":404}}}""");

        var (exit, output) = RunNode(_dir);

        Assert.Equal(1, exit);
        Assert.Contains("{{service:nowhere}} names nothing an earlier file creates", output);
    }

    private static (int Exit, string Output) RunNode(string folder)
    {
        var (exit, stdout, stderr) = NodeTool.Run("lattice", "@aws-sdk/client-vpc-lattice", "inputs.mjs", [folder]);
        return (exit, stdout + stderr);
    }
}

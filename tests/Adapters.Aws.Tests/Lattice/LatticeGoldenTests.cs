using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary>
/// Golden-file tests: each case's Lattice inputs and diagnostics must equal its expected/ folder byte for byte
/// (the shop-lattice case is examples/shop-lattice). Regenerate with MESHFED_UPDATE_GOLDEN=1 and review the diff.
/// </summary>
public class LatticeGoldenTests
{
    [Theory]
    [MemberData(nameof(LatticeGolden.Cases), MemberType = typeof(LatticeGolden))]
    public void Render_Case_MatchesExpectedFiles(string name)
    {
        var actual = LatticeGolden.Render(LatticeGolden.Load(name));

        GoldenFolder.AssertMatches(Path.Combine(LatticeGolden.Root, name, "expected"), actual, name);
    }

    [Theory]
    [MemberData(nameof(LatticeGolden.Cases), MemberType = typeof(LatticeGolden))]
    public void Render_SameMeshTwice_SameBytes(string name)
    {
        Assert.Equal(LatticeGolden.Render(LatticeGolden.Load(name)), LatticeGolden.Render(LatticeGolden.Load(name)));
    }
}

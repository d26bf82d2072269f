using MeshFed.Federation.Terraform;
using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// Golden-file tests: each case's Terraform inputs must equal its expected/ folder byte for byte. After an
/// intended change, regenerate with MESHFED_UPDATE_GOLDEN=1 ./test.sh and review the diff like code.
/// </summary>
public class TerraformGoldenTests
{
    [Theory]
    [MemberData(nameof(TerraformGolden.Cases), MemberType = typeof(TerraformGolden))]
    public void Render_Case_MatchesExpectedFiles(string name)
    {
        var actual = TerraformGolden.Render(TerraformGolden.Load(TerraformGolden.ManifestOf(name)));
        GoldenFolder.AssertMatches(Path.Combine(TerraformGolden.Root, name, "expected"), actual, name);
    }

    [Theory]
    [InlineData("10.20.0.5", "10.20.0.5/32")]
    [InlineData("2001:db8::10", "2001:db8::10/128")]
    [InlineData("gw.example.com", null)]
    public void PeerCidr_Address_IsAHostCidrOrNullForNames(string address, string? expected) =>
        Assert.Equal(expected, PeerCidr.Of(address));

    [Fact]
    public void Translate_Shop_PeersAreTheOtherSitesAndNamesAreReported()
    {
        var mesh = TerraformGolden.Load(RepoPaths.Of("examples/shop"));

        var (inputs, diagnostics) = TerraformInputsTranslator.Translate(mesh, "aws-use1");

        Assert.Equal(["gcp-euw1", "dc-berlin"], inputs.Peers.Select(p => p.Site));
        Assert.Equal(["10.20.0.5/32"], inputs.PeerCidrs);
        Assert.Equal(["gcp-euw1"], inputs.UnresolvedPeers);
        Assert.Contains("extra_peer_cidrs", Assert.Single(diagnostics).Message);
        Assert.Equal("spiffe://shop.example/site/aws-use1/gateway", inputs.SpiffeId);
    }
}

using MeshFed.Adapters.Aws.AppMesh;
using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

/// <summary>
/// Golden-file tests: each case's App Mesh inputs must equal its expected/ folder byte for byte. After an
/// intended change, regenerate with MESHFED_UPDATE_GOLDEN=1 ./test.sh and review the diff like code.
/// </summary>
public class AppMeshGoldenTests
{
    [Theory]
    [MemberData(nameof(AppMeshGolden.Cases), MemberType = typeof(AppMeshGolden))]
    public void Render_Case_MatchesExpectedFiles(string name)
    {
        var folder = Path.Combine(AppMeshGolden.Root, name);
        var actual = AppMeshGolden.Render(AppMeshGolden.Load(Path.Combine(folder, "manifest.yaml")));
        GoldenFolder.AssertMatches(Path.Combine(folder, "expected"), actual, name);
    }

    [Fact]
    public void Translate_KeepsDurationUnitsAndEveryWeightedTarget()
    {
        var mesh = AppMeshGolden.Load(Path.Combine(AppMeshGolden.Root, "retries-timeouts", "manifest.yaml"));

        var routes = AppMeshTranslator.Translate(mesh, "aws").Resources.Where(r => r.Kind == AppMeshResourceKind.Route).ToList();

        // 250ms stays 250 ms (App Mesh takes ms), 1m30s becomes 90 s: nothing is rounded to whole seconds.
        var rest = routes.Single(r => r.Name == "rest").SpecJson()["httpRoute"]!;
        Assert.Equal("""{"value":250,"unit":"ms"}""", rest["retryPolicy"]!["perRetryTimeout"]!.ToJsonString());
        Assert.Equal("""{"value":90,"unit":"s"}""", rest["timeout"]!["perRequest"]!.ToJsonString());
    }

    [Fact]
    public void Translate_MixedSplit_SumsRemoteSharesOntoTheGatewayNode()
    {
        var mesh = AppMeshGolden.Load(Path.Combine(AppMeshGolden.Root, "mixed-split", "manifest.yaml"));

        var split = AppMeshTranslator.Translate(mesh, "aws").Resources.Single(r => r.Kind == AppMeshResourceKind.Route && r.Name == "split");

        // From aws: v2 and v3 run here (20 + 10), v1 runs on gke only (70, through the gateway).
        Assert.Equal(
            """[{"virtualNode":"orders-shop-remote","weight":70},{"virtualNode":"orders-shop-v2","weight":20},{"virtualNode":"orders-shop-v3","weight":10}]""",
            split.SpecJson()["httpRoute"]!["action"]!["weightedTargets"]!.ToJsonString());
    }
}

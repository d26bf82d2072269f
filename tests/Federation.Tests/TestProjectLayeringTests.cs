using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>
/// The layering of the test projects: each references the src project it tests and tests/Common (the shared
/// harnesses), and none compiles another folder's source by link, which project references would not show.
/// </summary>
public class TestProjectLayeringTests
{
    public static TheoryData<string> TestFolders() => [.. DependencyRules.AllowedForTests.Keys];

    [Theory]
    [MemberData(nameof(TestFolders))]
    public void ProjectReferences_FollowTheLayering(string testFolder) =>
        Assert.Empty(DependencyRules.TestViolations(testFolder));

    [Theory]
    [MemberData(nameof(TestFolders))]
    public void NoSourceIsLinkedFromAnotherFolder(string testFolder) =>
        Assert.Empty(DependencyRules.LinkedSources(testFolder));

    [Fact]
    public void EveryTestProjectHasARule()
    {
        var folders = Directory.GetDirectories(RepoPaths.Of("tests"))
            .Where(dir => Directory.GetFiles(dir, "*.csproj").Length > 0)
            .Select(Path.GetFileName);
        Assert.Equal(folders.Order(StringComparer.Ordinal), DependencyRules.AllowedForTests.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryTestProjectReferencesCommon() =>
        Assert.Contains("tests/Common", DependencyRules.InheritedTestReferences());
}

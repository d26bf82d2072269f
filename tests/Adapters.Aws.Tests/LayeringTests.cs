using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModel()
    {
        Assert.Equal(["Model"], DependencyRules.ReferencesOf("Adapters.Aws"));
        Assert.Empty(DependencyRules.Violations("Adapters.Aws"));
    }
}

using MeshFed.Tests.Shared;

namespace MeshFed.Gateway.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModel()
    {
        Assert.Equal(["Model"], DependencyRules.ReferencesOf("Gateway"));
        Assert.Empty(DependencyRules.Violations("Gateway"));
    }
}

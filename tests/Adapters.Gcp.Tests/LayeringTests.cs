using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Gcp.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModel()
    {
        Assert.Equal(["Model"], DependencyRules.ReferencesOf("Adapters.Gcp"));
        Assert.Empty(DependencyRules.Violations("Adapters.Gcp"));
    }
}

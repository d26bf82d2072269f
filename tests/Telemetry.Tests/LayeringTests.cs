using MeshFed.Tests.Shared;

namespace MeshFed.Telemetry.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModel()
    {
        Assert.Equal(["Model"], DependencyRules.ReferencesOf("Telemetry"));
        Assert.Empty(DependencyRules.Violations("Telemetry"));
    }
}

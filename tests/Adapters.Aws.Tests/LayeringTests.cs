using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Aws.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModelAndTelemetry()
    {
        Assert.Equal(["Model", "Telemetry"], DependencyRules.ReferencesOf("Adapters.Aws"));
        Assert.Empty(DependencyRules.Violations("Adapters.Aws"));
    }
}

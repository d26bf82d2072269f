using MeshFed.Tests.Shared;

namespace MeshFed.Adapters.Gcp.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModelAndTelemetry()
    {
        Assert.Equal(["Model", "Telemetry"], DependencyRules.ReferencesOf("Adapters.Gcp"));
        Assert.Empty(DependencyRules.Violations("Adapters.Gcp"));
    }
}

using MeshFed.Tests.Shared;

namespace MeshFed.Gateway.Tests;

public class LayeringTests
{
    [Fact]
    public void ProjectReferences_OnlyModelAndTelemetry()
    {
        Assert.Equal(["Model", "Telemetry"], DependencyRules.ReferencesOf("Gateway"));
        Assert.Empty(DependencyRules.Violations("Gateway"));
    }
}

using MeshFed.Tests.Shared;

namespace MeshFed.Federation.Tests;

/// <summary>The project references, as the other test projects' LayeringTests check theirs.</summary>
public class LayeringTests
{
    [Fact]
    public void Layering_FederationIsTheOnlyProjectThatKnowsAllOthers()
    {
        Assert.Empty(DependencyRules.Violations("Federation"));
        Assert.Empty(DependencyRules.Violations("Model"));
        Assert.Empty(DependencyRules.ReferencesOf("Model"));
    }
}

using System.Text.Json.Nodes;
using MeshFed.Adapters.Aws.Lattice;
using MeshFed.Adapters.Aws.Lattice.Reconcile;

namespace MeshFed.Adapters.Aws.Tests.Lattice;

/// <summary><see cref="LatticePlaceholders"/>: a placeholder is a whole JSON string, nothing before or after it.</summary>
public class LatticePlaceholdersTests
{
    [Fact]
    public void APlaceholder_IsTheWholeString()
    {
        Assert.Equal("web", LatticePlaceholders.NameIn(LatticeRefs.Service("web"), "service"));
        Assert.True(LatticePlaceholders.IsPlaceholder(LatticeRefs.TargetGroup("tg")));
        Assert.False(LatticePlaceholders.IsPlaceholder("x" + LatticeRefs.Service("web")));
    }

    [Fact]
    public void AStringWithATrailingNewline_IsNoPlaceholder_AndStaysAsWritten()
    {
        // .NET's $ matches before a final "\n": with it, "{{service:web}}\n" was read as web's placeholder and
        // replaced by web's id, dropping the newline. The pattern ends in \z.
        var text = LatticeRefs.Service("web") + "\n";

        Assert.False(LatticePlaceholders.IsPlaceholder(text));
        Assert.Null(LatticePlaceholders.NameIn(text, "service"));
        Assert.Equal(text, (string?)LatticePlaceholders.Resolve(JsonValue.Create(text), _ => "svc-0123456789abcdef0"));
    }
}

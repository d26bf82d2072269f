namespace MeshFed.Model.Binding.Shapes;

/// <summary>true or false; with <see cref="OnlyTrue"/>, a marker whose only meaningful value is true (<c>present: true</c>).</summary>
internal sealed record FlagRule(bool OnlyTrue = false) : ValueRule
{
    /// <summary>true or false.</summary>
    public static FlagRule Any { get; } = new();

    /// <summary>Only true.</summary>
    public static FlagRule True { get; } = new(OnlyTrue: true);
}

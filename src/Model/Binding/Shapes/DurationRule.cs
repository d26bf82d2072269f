namespace MeshFed.Model.Binding.Shapes;

/// <summary>A duration as <see cref="DurationText"/> reads it.</summary>
internal sealed record DurationRule : ValueRule
{
    /// <summary>The one instance.</summary>
    public static DurationRule Instance { get; } = new();
}

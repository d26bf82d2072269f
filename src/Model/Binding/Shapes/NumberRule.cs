namespace MeshFed.Model.Binding.Shapes;

/// <summary>A number (whole or not) from <see cref="Min"/> to <see cref="Max"/> (both included).</summary>
internal sealed record NumberRule(double Min, double Max) : ValueRule;

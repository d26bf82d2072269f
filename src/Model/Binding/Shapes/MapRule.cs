namespace MeshFed.Model.Binding.Shapes;

/// <summary>A mapping of names the manifest chooses (header names) to values that each follow <see cref="Value"/>.</summary>
internal sealed record MapRule(ValueRule Value, string? KeyPattern = null) : ValueRule;

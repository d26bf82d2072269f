namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// A mapping of names the manifest chooses (header names), each following <see cref="Key"/> when given, to
/// values that each follow <see cref="Value"/>.
/// </summary>
internal sealed record MapRule(ValueRule Value, TextRule? Key = null) : ValueRule;

namespace MeshFed.Model.Binding.Shapes;

/// <summary>A string that must be exactly <see cref="Value"/> (<c>apiVersion</c>, <c>kind</c>).</summary>
internal sealed record ConstRule(string Value) : ValueRule;

namespace MeshFed.Model.Binding.Shapes;

/// <summary>
/// What a manifest value must be. The binders read a value by its rule and the JSON Schema is written from the
/// same rule (<see cref="Schema.ManifestSchemaWriter"/>), so a bound, a pattern or a word list is stated once.
/// </summary>
internal abstract record ValueRule;

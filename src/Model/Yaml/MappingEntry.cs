namespace MeshFed.Model.Yaml;

/// <summary>One <c>key: value</c> pair of a mapping. Keys are always scalars in a manifest.</summary>
public sealed record MappingEntry(ScalarNode Key, ManifestNode Value);

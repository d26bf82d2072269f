namespace MeshFed.Model.Yaml;

/// <summary>
/// One <c>key: value</c> pair of a mapping. Keys are always scalars in a manifest. A value, held inline in its
/// mapping's array: an object per pair was half a million of the tree's objects at 10,000 services.
/// </summary>
public readonly record struct MappingEntry(ScalarNode Key, ManifestNode Value);

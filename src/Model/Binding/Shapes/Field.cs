namespace MeshFed.Model.Binding.Shapes;

/// <summary>One field of a manifest object: its name, its rule, whether it must be given, and what it means.</summary>
internal sealed record Field(string Name, ValueRule Rule, FieldNeed Need, string? Description)
{
    /// <summary>The binder reports the field missing when no document gives it.</summary>
    public bool IsRequired => Need != FieldNeed.Optional;

    /// <summary>A field every object (every document, at the top) must have.</summary>
    public static Field Required(string name, ValueRule rule, string? description = null) => new(name, rule, FieldNeed.Required, description);

    /// <summary>
    /// A field the merged manifest must have but any one of its documents may leave to another (a folder's
    /// <c>spec.trustDomain</c> is set in one file): required by the loader, optional in the per-file schema.
    /// </summary>
    public static Field RequiredInManifest(string name, ValueRule rule, string? description = null) => new(name, rule, FieldNeed.RequiredInManifest, description);

    /// <summary>A field the object may have.</summary>
    public static Field Optional(string name, ValueRule rule, string? description = null) => new(name, rule, FieldNeed.Optional, description);
}

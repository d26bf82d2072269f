namespace MeshFed.Model.Binding.Shapes;

/// <summary>Whether a field must be given, and where.</summary>
internal enum FieldNeed
{
    /// <summary>May be left out.</summary>
    Optional,

    /// <summary>Every object has it (every document, for the document's own fields).</summary>
    Required,

    /// <summary>Some document of the manifest gives it (the documents of a folder are merged before binding).</summary>
    RequiredInManifest,
}

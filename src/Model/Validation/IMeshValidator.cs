namespace MeshFed.Model.Validation;

/// <summary>Checks one facet of a mesh (naming, references, routes, limits...) and reports every finding.</summary>
public interface IMeshValidator
{
    /// <summary>Adds findings to <paramref name="context"/>; never throws for bad input.</summary>
    void Validate(ValidationContext context);
}

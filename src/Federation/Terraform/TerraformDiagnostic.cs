namespace MeshFed.Federation.Terraform;

/// <summary>Something the Terraform inputs cannot say from the manifest alone; render prints it.</summary>
/// <param name="Site">The site whose inputs are concerned.</param>
/// <param name="Message">What is missing and what to do.</param>
public sealed record TerraformDiagnostic(string Site, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"warning: site {Site}: {Message}";
}

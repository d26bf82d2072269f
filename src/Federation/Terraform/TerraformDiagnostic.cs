namespace MeshFed.Federation.Terraform;

/// <summary>Something the Terraform inputs cannot say from the manifest alone; render prints it.</summary>
/// <param name="Site">The site whose inputs are concerned.</param>
/// <param name="Message">What is missing and what to do.</param>
/// <param name="IsError">True when no module can provision what the manifest says: render writes nothing.</param>
public sealed record TerraformDiagnostic(string Site, string Message, bool IsError = false)
{
    /// <inheritdoc />
    public override string ToString() => $"{(IsError ? "error" : "warning")}: site {Site}: {Message}";
}

using MeshFed.Federation.Terraform;

namespace MeshFed.Federation.Output;

/// <summary>What <c>render --target terraform</c> prints: one line per site written, then what the user must add.</summary>
public static class TerraformRenderReport
{
    /// <summary>Writes the report.</summary>
    /// <param name="written">Each site rendered, with the module it is for and the file written.</param>
    /// <param name="diagnostics">What the inputs cannot say from the manifest.</param>
    /// <param name="withoutGateway">Sites the manifest gives no gateway: nothing to provision for them.</param>
    /// <param name="outFolder">The output folder.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(IReadOnlyList<(TerraformSiteInputs Inputs, string File)> written, IReadOnlyList<TerraformDiagnostic> diagnostics,
        IReadOnlyList<string> withoutGateway, string outFolder, TextWriter writer)
    {
        var width = written.Max(w => w.Inputs.SiteName.Length);
        foreach (var (inputs, file) in written)
            writer.WriteLine($"{inputs.SiteName.PadRight(width)}  terraform/modules/{inputs.SiteProvider}-gateway  {file}");
        foreach (var site in withoutGateway)
            writer.WriteLine($"{site.PadRight(width)}  (no gateway in the manifest: nothing to provision)");
        foreach (var diagnostic in diagnostics)
            writer.WriteLine(diagnostic);
        writer.WriteLine($"wrote Terraform inputs for {written.Count} site(s) to {outFolder}" +
            (diagnostics.Count == 0 ? "" : $"; {diagnostics.Count} peer address(es) need a CIDR in extra_peer_cidrs (see warnings)"));
    }
}

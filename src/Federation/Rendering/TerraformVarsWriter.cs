using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeshFed.Federation.Terraform;

namespace MeshFed.Federation.Rendering;

/// <summary>
/// Writes a site's Terraform inputs as <c>&lt;site&gt;/terraform.tfvars.json</c>: indented, keys in the
/// modules' variable order, '\n' line ends, so a render is byte-for-byte the same on every machine.
/// </summary>
public static class TerraformVarsWriter
{
    /// <summary>The file name Terraform loads with <c>-var-file</c> (and automatically from a root module's folder).</summary>
    public const string FileName = "terraform.tfvars.json";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        // Addresses and names stay readable ("+" and "'" are not escaped); the file is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file's text.</summary>
    public static string Text(TerraformSiteInputs inputs) => JsonSerializer.Serialize(inputs, s_json) + "\n";

    /// <summary>Writes <paramref name="inputs"/> into <paramref name="siteFolder"/>; returns the file's path.</summary>
    public static string Write(string siteFolder, TerraformSiteInputs inputs)
    {
        Directory.CreateDirectory(siteFolder);
        var path = Path.Combine(siteFolder, FileName);
        File.WriteAllText(path, Text(inputs), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
